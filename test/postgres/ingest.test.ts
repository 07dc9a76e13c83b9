// The shared ingest, idempotency, store, admin API and observability cases on a PostgreSQL
// ledger (test/node/ingest.test.ts runs the same on SQLite).
import { describe } from 'vitest';
import { adminApiCases } from '../cases/admin-api-cases.js';
import { badInputCases } from '../cases/bad-input-cases.js';
import { fixtureCases } from '../cases/fixture-cases.js';
import { idempotencyCases } from '../cases/idempotency-cases.js';
import { observabilityCases } from '../cases/observability-cases.js';
import { reversalCases } from '../cases/reversal-cases.js';
import { senderKeyCases } from '../cases/sender-key-cases.js';
import { storeCases } from '../cases/store-cases.js';
import { pgHarness, pgSkipped } from './pg-harness.js';

describe.skipIf(pgSkipped)('on PostgreSQL', () => {
  fixtureCases(pgHarness);
  badInputCases(pgHarness);
  idempotencyCases(pgHarness);
  senderKeyCases(pgHarness);
  reversalCases(pgHarness);
  storeCases(pgHarness);
  adminApiCases(pgHarness);
  observabilityCases(pgHarness);
});
