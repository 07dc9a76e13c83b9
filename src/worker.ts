// Cloudflare Workers entry point: D1 ledger, config from [vars] and secrets. Like node.ts it
// only builds the dependencies and hands them to createApp; delivery runs in the background
// of the request that queued it (waitUntil) and, so that nothing depends on waitUntil
// surviving, from a Cron Trigger that runs the same dispatcher over everything due.
import type { AnyD1Database } from 'drizzle-orm/d1';
import { Hono, type ExecutionContext } from 'hono';
import { createApp, type BridgeApp } from './app.js';
import { ConfigError, parseBridgeConfig } from './config/bridge-config.js';
import { composeDeps } from './compose.js';
import { forwardedFor } from './http/forwarded-for.js';
import { type AppDeps } from './deps.js';
import { jsonLogger, systemClock, type Clock, type Logger } from './core/runtime.js';
import { openD1Ledger } from './store/d1-database.js';

/**
 * The bindings and [vars] of wrangler.toml, as `npm run types:worker` generates them
 * (src/worker-configuration.d.ts; `npm run typecheck` fails when it is out of date), plus the
 * secrets and any other variable a deployment sets, which wrangler.toml does not list.
 */
export type WorkerEnv = Omit<Cloudflare.Env, 'DB'> & {
  /** The D1 database bound in wrangler.toml. */
  DB: AnyD1Database;
  [name: string]: unknown;
};

/** Test seams: the ERP's fetch, the clock and the log. Production uses the defaults. */
export interface WorkerOverrides {
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
}

type Bridge = { app: BridgeApp | Hono; deps?: AppDeps };

/** A Worker's time budget for one dispatcher run: under the 30 s waitUntil/cron wall limit. */
const DISPATCH_BUDGET_MS = 25_000;

export function createWorker(overrides: WorkerOverrides = {}) {
  const logger = overrides.logger ?? jsonLogger;
  // One bridge per isolate and env: config is parsed and checked once, not per request.
  const bridges = new WeakMap<object, Bridge>();
  const bridgeFor = (env: WorkerEnv): Bridge => {
    let bridge = bridges.get(env);
    if (!bridge) bridges.set(env, (bridge = buildBridge(env, overrides, logger)));
    return bridge;
  };

  return {
    fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
      return bridgeFor(env).app.fetch(request, env, ctx);
    },
    async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
      const { deps } = bridgeFor(env);
      if (!deps) return; // misconfigured: every request already says so, and so did the log
      ctx.waitUntil(deps.dispatcher.runOnce({ budgetMs: DISPATCH_BUDGET_MS, maxSends: deps.config.dispatch.maxSendsPerRun }));
    },
  };
}

function buildBridge(env: WorkerEnv, overrides: WorkerOverrides, logger: Logger): Bridge {
  try {
    const deps = workerDeps(env, { ...overrides, logger });
    for (const warning of deps.config.warnings) logger.warn(warning);
    return { app: createApp(deps), deps };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    logger.error('bridge is not configured', { problems: err.problems });
    return { app: misconfigured(err.problems) };
  }
}

/** The bridge's dependencies from a Worker's env; throws ConfigError on bad or missing config. */
export function workerDeps(env: WorkerEnv, overrides: WorkerOverrides = {}): AppDeps {
  const config = parseBridgeConfig(plainVars(env));
  const { ingestToken, adminToken } = config;
  // Unlike Node, a Worker has nowhere to print generated tokens: they must be secrets.
  if (!ingestToken || !adminToken) {
    const missing = [ingestToken ? '' : 'INGEST_TOKEN', adminToken ? '' : 'ADMIN_TOKEN'].filter(Boolean);
    throw new ConfigError(missing.map((name) => `${name} is not set: run \`npx wrangler secret put ${name}\``));
  }
  const ledger = openD1Ledger(env.DB);
  const clock = overrides.clock ?? systemClock;
  return composeDeps({
    config,
    ingestToken,
    adminToken,
    metricsToken: config.metricsToken,
    ledger,
    clock,
    logger: overrides.logger ?? jsonLogger,
    fetch: overrides.fetch,
    // Cloudflare puts the caller's address in this header; TRUST_PROXY adds a proxy in front.
    clientAddress: (c) => forwardedFor(c, config.trustProxy) ?? c.req.header('cf-connecting-ip') ?? 'unknown',
    dispatcherHealth: async () => cronHealth(await ledger.queries.oldestDueAt(clock.now()), clock.now()),
  });
}

/**
 * A Worker has no loop to watch: the Cron Trigger runs every minute, so a posting due for
 * longer than a few minutes says the cron (or the runs it starts) is not doing its job.
 */
const CRON_OVERDUE_MS = 5 * 60_000;
function cronHealth(oldestDueAt: number | null, now: number) {
  if (oldestDueAt === null || now - oldestDueAt < CRON_OVERDUE_MS) {
    return { alive: true, detail: oldestDueAt === null ? 'cron every minute; nothing due' : `cron every minute; oldest due posting waiting ${Math.round((now - oldestDueAt) / 1000)} s` };
  }
  return {
    alive: false,
    detail: `a posting has been due for ${Math.round((now - oldestDueAt) / 60_000)} min: the Cron Trigger is not running, or can't keep up (raise DISPATCH_MAX_SENDS_PER_RUN)`,
  };
}

/** Without valid config the Worker still answers, with what to fix, instead of a bare 500. */
function misconfigured(problems: string[]) {
  const app = new Hono();
  app.all('*', (c) => c.json({ message: `The bridge is not configured: ${problems.join('; ')}.` }, 503));
  return app;
}

/** [vars] and secrets are strings; bindings (DB) are objects and stay out of the config. */
function plainVars(env: WorkerEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value;
  return vars;
}

export default createWorker();
