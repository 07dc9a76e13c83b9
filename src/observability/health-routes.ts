// Liveness, readiness and metrics. /healthz is cheap (the process answers), for a supervisor
// that restarts what hangs; /readyz checks the ledger answers and writes, the dispatcher is alive
// and every send's result was recorded, for load balancers and Docker, and tells each target's
// health; /metrics needs
// METRICS_TOKEN (or the admin token) as a Bearer header.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import type { HonoVariables } from '../http/hono-variables.js';
import { requireToken } from '../http/require-token.js';
import { renderMetrics } from './metrics.js';
import { targetHealthViews } from './watch-views.js';

export function healthRoutes(deps: AppDeps) {
  const app = new Hono<HonoVariables>();
  const targets = deps.targets.map((t) => t.name);

  app.get('/healthz', (c) => c.json({ status: 'ok', connector: targets.join(','), targets }));

  app.get('/readyz', async (c) => {
    let database = 'ok';
    let oldestWaitingSeconds: number | null = null;
    // Each target's health: a failing ERP doesn't make the bridge unready (deliveries are still
    // taken and kept), but whoever probes sees it here.
    let health: Record<string, { healthy: boolean; lastSuccessAt: number | null; failingSince: number | null; lastError: string | null }> = {};
    try {
      await deps.queries.ping();
      // A full disk still answers reads: ready means the ledger can record what is sent.
      await deps.outbox.probeWrite(deps.clock.now());
      const oldest = (await deps.queries.summary(deps.clock.now())).oldestWaitingSince;
      oldestWaitingSeconds = oldest === null ? null : Math.round((deps.clock.now() - oldest) / 1000);
      health = Object.fromEntries(
        (await targetHealthViews(deps)).map((t) => [t.name, { healthy: t.healthy, lastSuccessAt: t.lastSuccessAt, failingSince: t.failingSince, lastError: t.lastError }]),
      );
    } catch (err) {
      // The reason goes to the log: this answer is for anyone who can reach the port.
      deps.logger.error('readiness: the ledger does not answer or does not write', { error: err instanceof Error ? err.message : String(err) });
      database = 'unreachable';
    }
    const dispatcher = await deps.dispatcherHealth();
    // Sends whose results the ledger has not taken yet: their postings show 'sending' until it does.
    const unrecordedResults = deps.dispatcher.unrecordedResults;
    const ready = database === 'ok' && dispatcher.alive && unrecordedResults === 0;
    return c.json({ status: ready ? 'ready' : 'not ready', database, dispatcher, unrecordedResults, oldestWaitingSeconds, targets: health }, ready ? 200 : 503);
  });

  app.use(
    '/metrics',
    requireToken(deps, {
      tokens: [deps.metricsToken, deps.adminToken].filter((t): t is string => !!t),
      allowQuery: false,
      refusal: '/metrics needs METRICS_TOKEN (or the admin token) as Authorization: Bearer <token>.',
      where: 'metrics',
    }),
  );
  app.get('/metrics', async (c) => {
    const { text, contentType } = await renderMetrics(deps);
    return c.body(text, 200, { 'content-type': contentType });
  });
  return app;
}
