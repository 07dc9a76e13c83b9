// The workerd harness: the Worker's own wiring (workerDeps over the D1 binding, config from env)
// with a test clock. Requests go to createApp like in the Node harness, without the background
// first attempt, so the shared cases decide when delivery runs: dispatch() fires the Worker's
// real `scheduled` handler, as the Cron Trigger would. Worker-only behaviour (waitUntil, a
// missing secret) is tested through the real fetch handler in worker-entry.test.ts.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../src/app.js';
import { openD1Ledger } from '../../src/store/d1-database.js';
import { createWorker, workerDeps, type WorkerEnv } from '../../src/worker.js';
import { ADMIN_TEST_TOKEN, TEST_TOKEN, testClock, type Harness, type HarnessOptions } from '../support/harness.js';
import { FakeD365, type ServedFake } from '../support/fake-d365.js';
import { quietLogger } from '../support/quiet-logger.js';

const TABLES = ['target_health', 'posting_attempts', 'operator_actions', 'postings', 'idempotency_keys', 'deliveries', 'settings', 'metric_counters', 'leases', 'vif_mos', 'order_routes', 'mes_orders'];

/** Every test starts from an empty ledger (children before parents, for the foreign keys). */
export async function emptyLedger() {
  await env.DB.batch(TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

/** The env a deployed Worker would see, with the test secrets set. */
export function bridgeEnv(vars: Record<string, string> = {}): WorkerEnv {
  return { ...env, INGEST_TOKEN: TEST_TOKEN, ADMIN_TOKEN: ADMIN_TEST_TOKEN, LOG_REQUESTS: 'false', ...vars };
}

export async function workerHarness(options: HarnessOptions = {}): Promise<Harness> {
  await emptyLedger();
  const clock = testClock();
  const vars = bridgeEnv(options.env);
  const overrides = { clock, fetch: options.fetch, logger: quietLogger() };
  const deps = workerDeps(vars, overrides);
  const app = createApp({ ...deps, notifyDispatcher: () => {} });
  const worker = createWorker(overrides);
  const ledger = openD1Ledger(env.DB);
  return {
    request: async (path, init) => app.request(path, init, vars, createExecutionContext()),
    token: TEST_TOKEN,
    clock,
    logs: overrides.logger.lines,
    db: ledger.db,
    store: ledger.store,
    outbox: ledger.outbox,
    dispatch: async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: clock.now() }), vars, ctx);
      await waitOnExecutionContext(ctx);
    },
    close: async () => {},
  };
}

/** The fake D365 inside workerd: handed to the bridge as its fetch (no sockets to a Node server). */
export async function inWorkerFakeD365(): Promise<ServedFake> {
  const fake = new FakeD365();
  return { fake, fetch: fake.fetch, stop: async () => {} };
}
