// The console's shared route cases on a PostgreSQL ledger (test/node/console.test.ts: SQLite).
import { describe } from 'vitest';
import { bulkActionsCases } from '../cases/bulk-actions-cases.js';
import { consoleCases } from '../cases/console-cases.js';
import { consoleLiveCases } from '../cases/console-live-cases.js';
import { serveFakeD365 } from '../node/fake-d365-server.js';
import { pgHarness, pgSkipped } from './pg-harness.js';

describe.skipIf(pgSkipped)('on PostgreSQL', () => {
  consoleCases(pgHarness, serveFakeD365);
  bulkActionsCases(pgHarness, serveFakeD365);
  consoleLiveCases(pgHarness, serveFakeD365);
});
