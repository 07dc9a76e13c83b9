// The PostgreSQL harness: createApp over a PostgreSQL ledger, in-process like the Node harness
// (test/node/node-harness.ts). Each harness gets a database of its own, copied from the migrated
// template pg-server.ts made, and dropped when it closes: every case starts on an empty ledger.
import type { SQL } from 'drizzle-orm';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseBridgeConfig } from '../../src/config/bridge-config.js';
import { composeDeps } from '../../src/compose.js';
import type { AppDeps } from '../../src/deps.js';
import { openPgLedger } from '../../src/store/pg-database.js';
import { ADMIN_TEST_TOKEN, TEST_TOKEN, testClock, type Harness, type HarnessOptions } from '../support/harness.js';
import { quietLogger, type QuietLogger } from '../support/quiet-logger.js';
import { onServer, withDatabase } from './pg-server.js';

export const pgServerUrl = inject('pgServerUrl');
/** Why this suite is skipped ('' when it runs): describe.skipIf(pgSkipped) in every file. */
export const pgSkipped = !pgServerUrl;

let made = 0;

/** A fresh, migrated database on the test server; its URL. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bridge_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(pgServerUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  return { url: withDatabase(pgServerUrl, name), drop: () => onServer(pgServerUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function pgHarness(options: HarnessOptions & { via?: (url: string) => Promise<string> } = {}): Promise<Harness & { deps: AppDeps; url: string }> {
  const database = await freshDatabase();
  // `via`: the bridge reaches the database another way (a proxy a test can cut).
  const ledger = await openPgLedger(options.via ? await options.via(database.url) : database.url, { poolSize: 4 });
  const clock = testClock();
  const config = parseBridgeConfig({ LOG_REQUESTS: 'false', ...options.env });
  const logger = quietLogger();
  const deps = composeDeps({
    config,
    ingestToken: TEST_TOKEN,
    adminToken: ADMIN_TEST_TOKEN,
    metricsToken: config.metricsToken,
    ledger,
    clock,
    logger,
    fetch: options.fetch,
  });
  // Tests run the dispatcher themselves, so what is sent when is under their control.
  const app = createApp({ ...deps, notifyDispatcher: () => {} });
  return {
    deps,
    url: database.url,
    request: async (path, init) => app.request(path, init),
    token: TEST_TOKEN,
    clock,
    logs: (logger as QuietLogger).lines,
    // Cases that run raw SQL use db.run (SQLite's); on PostgreSQL it is execute().
    db: Object.assign(ledger.db, { run: (q: SQL) => (ledger.db as unknown as { execute(q: SQL): Promise<unknown> }).execute(q) }),
    store: ledger.store,
    outbox: ledger.outbox,
    dispatch: async () => void (await deps.dispatcher.runOnce()),
    close: async () => {
      await ledger.close();
      await database.drop();
    },
  };
}
