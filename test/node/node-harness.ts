// The Node harness: createApp over a real SQLite file in a temp folder, journal connector.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { parseBridgeConfig } from '../../src/config/bridge-config.js';
import { journalConnector } from '../../src/connectors/journal-connector.js';
import type { Logger } from '../../src/deps.js';
import type { AnySqliteDb } from '../../src/store/drizzle-store.js';
import type { LedgerStore } from '../../src/store/ledger-store.js';
import { openSqliteLedger } from '../../src/store/sqlite-database.js';
import { TEST_TOKEN, testClock, type Harness, type HarnessOptions } from '../support/harness.js';

export const quietLogger = (): Logger & { lines: { level: string; message: string; fields?: unknown }[] } => {
  const lines: { level: string; message: string; fields?: unknown }[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
};

export interface NodeHarnessOptions extends HarnessOptions {
  /** Wraps the store, e.g. to make it fail. */
  wrapStore?: (store: LedgerStore) => LedgerStore;
  logger?: Logger;
}

export async function nodeHarness(options: NodeHarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-test-'));
  const ledger = openSqliteLedger(join(dir, 'bridge.db'), { synchronous: 'normal' });
  const clock = testClock();
  const config = parseBridgeConfig({ LOG_REQUESTS: 'false', ...options.env });
  const store = options.wrapStore ? options.wrapStore(ledger.store) : ledger.store;
  const app = createApp({
    config,
    ingestToken: TEST_TOKEN,
    store,
    connector: journalConnector(),
    clock,
    logger: options.logger ?? quietLogger(),
  });
  return {
    request: async (path, init) => app.request(path, init),
    token: TEST_TOKEN,
    clock,
    db: ledger.db as unknown as AnySqliteDb,
    store,
    close: async () => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
