// One onError and one notFound for the whole app: every failure answers {"message"} in words
// the person at the other end can act on, with the status http/error-status.ts gives its kind.
// Unknown errors get a generic 500 with a reference; the details go to the log, never to the
// client. (Refused deliveries were already recorded by the ingest pipeline.)
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import type { HonoVariables } from './hono-variables.js';
import { statusOf } from './error-status.js';
import { redactTokens } from './redact.js';

export function errorHandler(deps: Pick<AppDeps, 'clientAddress' | 'logger' | 'sources'>): ErrorHandler<HonoVariables> {
  return (err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof DomainError) {
      if (err.kind === 'unauthorized' || err.kind === 'rate-limited') {
        deps.logger.info('refused: missing or wrong token', { requestId, path: redactTokens(c.req.path), address: deps.clientAddress(c) });
      }
      const headers: Record<string, string> = {};
      if (err.retryAfterSeconds) headers['retry-after'] = String(err.retryAfterSeconds);
      // An oversize (or shed) body is left unread; closing is the one way the next request on
      // this connection isn't read from the middle of it.
      if (err.kind === 'too-large' || err.kind === 'overloaded') headers.connection = 'close';
      return c.json({ message: err.message }, statusOf[err.kind], headers);
    }
    if (err instanceof HTTPException) return c.json({ message: err.message || 'The request was refused.' }, err.status as ContentfulStatusCode);
    if (clientGone(c, err)) {
      deps.logger.info('client disconnected before the answer', { requestId, method: c.req.method, path: redactTokens(c.req.path) });
      return c.json({ message: 'The client disconnected.' }, 400);
    }
    deps.logger.error('unexpected error', {
      requestId,
      method: c.req.method,
      path: redactTokens(c.req.path),
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return c.json(
      {
        message: `The bridge hit an unexpected problem and did not record this (reference ${requestId}). Send it again; if it keeps failing, give the reference to your integration engineer.`,
      },
      500,
    );
  };
}

/** A client that hung up mid-request: nothing is wrong with the bridge, and nobody hears the answer. */
function clientGone(c: Context, err: unknown): boolean {
  if (c.req.raw.signal?.aborted) return true;
  const code = (err as { code?: unknown })?.code;
  return err instanceof Error && (err.name === 'AbortError' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || /aborted|premature close/i.test(err.message));
}

export function notFoundHandler(deps: Pick<AppDeps, 'clientAddress' | 'logger' | 'sources'>): NotFoundHandler<HonoVariables> {
  const where = deps.sources
    .map((s) => `${s.label} events go to POST ${s.integrations.length > 3 ? `${s.prefix}/<event>` : s.integrations.map((i) => i.path).join(', ')}`)
    .join('; ');
  return (c) => {
    const at = `There is nothing at ${c.req.method} ${redactTokens(c.req.path)}.`;
    // Someone exploring the admin API wants its routes, not the ingest URLs.
    const hint = c.req.path.startsWith('/admin/') ? 'The admin API and its routes are described at /docs (and /openapi.json).' : `${where}.`;
    return c.json({ message: `${at} ${hint}` }, 404);
  };
}
