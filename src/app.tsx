// The bridge, runtime-free: createApp(deps) is all either runtime calls.
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './admin/admin-routes.js';
import { consoleRoutes } from './console/console-routes.js';
import type { AppDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './http/error-handlers.js';
import type { HonoVariables } from './http/hono-variables.js';
import { requestLog } from './http/request-log.js';
import { healthRoutes } from './observability/health-routes.js';
import { describeApi } from './openapi/describe-api.js';
import { ReferencePage } from './openapi/reference-page.js';
import { ingestRoutes } from './http/ingest-routes.js';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<HonoVariables>();
  app.use(requestId());
  if (deps.config.logRequests) app.use(requestLog(deps.logger));
  // nosniff, no framing, no referrer and friends on every answer (the console adds its CSP).
  app.use(secureHeaders());
  app.get('/', (c) => c.redirect('/console', 302));
  app.route('/', healthRoutes(deps));
  app.route('/', ingestRoutes(deps));
  app.route('/admin/api', adminRoutes(deps));
  app.route('/console', consoleRoutes(deps));
  const document = describeApi(app, deps);
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(<ReferencePage doc={document() as Record<string, unknown>} />));
  app.onError(errorHandler(deps));
  app.notFound(notFoundHandler(deps));
  return app;
}

export type BridgeApp = ReturnType<typeof createApp>;
