// One log line per request: method, path (never the query string, which carries the token, and
// with any token that slipped into the path redacted), status, duration and the request id an
// operator can quote from an error message; for a delivery also its source, integration,
// outcome and production order, so the log alone answers "what did line 3 send at 10:02?".
import { createMiddleware } from 'hono/factory';
import type { Logger } from '../core/runtime.js';
import type { HonoVariables } from './hono-variables.js';
import { redactTokens } from './redact.js';

export function requestLog(logger: Logger) {
  return createMiddleware<HonoVariables>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: redactTokens(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...c.get('delivery'),
    });
  });
}
