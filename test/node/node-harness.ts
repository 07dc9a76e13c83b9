// The Node harness: createApp over a real SQLite file in a temp folder, journal connector.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { parseBridgeConfig, type Registry } from '../../src/config/bridge-config.js';
import { composeDeps } from '../../src/compose.js';
import type { AppDeps } from '../../src/deps.js';
import type { Logger } from '../../src/core/runtime.js';
import type { AnySqliteDb } from '../../src/store/drizzle-types.js';
import type { LedgerStore } from '../../src/store/ledger-store.js';
import type { OutboxStore } from '../../src/store/outbox-store.js';
import type { Target } from '../../src/targets/target.js';
import { openSqliteLedger } from '../../src/store/sqlite-database.js';
import { ADMIN_TEST_TOKEN, TEST_TOKEN, testClock, type Harness, type HarnessOptions } from '../support/harness.js';
import { quietLogger, type QuietLogger } from '../support/quiet-logger.js';

export interface NodeHarnessOptions extends HarnessOptions {
  /** Wraps the store, e.g. to make it fail. */
  wrapStore?: (store: LedgerStore) => LedgerStore;
  /** Wraps the outbox, e.g. to make its writes fail. */
  wrapOutbox?: (outbox: OutboxStore) => OutboxStore;
  logger?: Logger;
  /** Replaces the connected targets. */
  targets?: Target[];
  /** Other source and target definitions than the registries' (the recipe test). */
  registry?: Registry;
  /** Opens this ledger file (a restart on another bridge's ledger) and leaves it in place on close. */
  ledgerPath?: string;
}

export interface NodeHarness extends Harness {
  deps: AppDeps;
  dbPath: string;
}

export async function nodeHarness(options: NodeHarnessOptions = {}): Promise<NodeHarness> {
  const dir = options.ledgerPath ? undefined : mkdtempSync(join(tmpdir(), 'bridge-test-'));
  const dbPath = options.ledgerPath ?? join(dir!, 'bridge.db');
  const ledger = openSqliteLedger(dbPath, { synchronous: 'normal' });
  const clock = testClock();
  const config = parseBridgeConfig({ LOG_REQUESTS: 'false', ...options.env }, options.registry);
  const logger = options.logger ?? quietLogger();
  const store = options.wrapStore ? options.wrapStore(ledger.store) : ledger.store;
  const outbox = options.wrapOutbox ? options.wrapOutbox(ledger.outbox) : ledger.outbox;
  const deps = composeDeps({
    config,
    ingestToken: TEST_TOKEN,
    adminToken: ADMIN_TEST_TOKEN,
    metricsToken: config.metricsToken,
    ledger: { ...ledger, store, outbox },
    clock,
    logger,
    targets: options.targets,
    fetch: options.fetch,
  });
  // Tests run the dispatcher themselves, so what is sent when is under their control.
  const app = createApp({ ...deps, notifyDispatcher: () => {} });
  return {
    deps,
    dbPath,
    request: async (path, init) => app.request(path, init),
    token: TEST_TOKEN,
    clock,
    logs: 'lines' in logger ? (logger as QuietLogger).lines : [],
    db: ledger.db as unknown as AnySqliteDb,
    store,
    outbox,
    dispatch: async () => void (await deps.dispatcher.runOnce()),
    close: async () => {
      ledger.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
