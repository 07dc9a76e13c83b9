// The bridge, runtime-free: createApp(deps) is all either runtime calls.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './admin/admin-routes.js';
import { consoleRoutes } from './console/console-routes.js';
import type { AppDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './http/error-handlers.js';
import type { BridgeEnv } from './http/bridge-env.js';
import { requestLog } from './http/request-log.js';
import { ingestRoutes } from './sources/ingest-routes.js';

export function createApp(deps: AppDeps) {
  const app = new Hono<BridgeEnv>();
  app.use(requestId());
  if (deps.config.logRequests) app.use(requestLog(deps.logger));
  // nosniff, no framing, no referrer and friends on every answer (the console adds its CSP).
  app.use(secureHeaders());
  app.get('/', (c) => c.redirect('/console', 302));
  app.get('/healthz', (c) => c.json({ status: 'ok', connector: deps.targets.map((t) => t.name).join(','), targets: deps.targets.map((t) => t.name) }));
  app.route('/', ingestRoutes(deps));
  app.route('/admin/api', adminRoutes(deps));
  app.route('/console', consoleRoutes(deps));
  app.onError(errorHandler(deps));
  app.notFound(notFoundHandler(deps));
  return app;
}

export type BridgeApp = ReturnType<typeof createApp>;
