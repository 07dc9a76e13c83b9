// The shared behaviour cases, run inside workerd against D1 with the real migrations.
import { adminApiCases } from '../cases/admin-api-cases.js';
import { authLimitCases } from '../cases/auth-limit-cases.js';
import { bodyLimitCases } from '../cases/body-limits-cases.js';
import { badInputCases } from '../cases/bad-input-cases.js';
import { fixtureCases } from '../cases/fixture-cases.js';
import { idempotencyCases } from '../cases/idempotency-cases.js';
import { inputLimitCases } from '../cases/input-limits-cases.js';
import { observabilityCases } from '../cases/observability-cases.js';
import { removeBySubjectCases } from '../cases/remove-by-subject-cases.js';
import { reversalCases } from '../cases/reversal-cases.js';
import { senderKeyCases } from '../cases/sender-key-cases.js';
import { storeCases } from '../cases/store-cases.js';
import { workerHarness } from './worker-harness.js';

fixtureCases(workerHarness);
badInputCases(workerHarness);
idempotencyCases(workerHarness);
senderKeyCases(workerHarness);
reversalCases(workerHarness);
removeBySubjectCases(workerHarness);
storeCases(workerHarness);
adminApiCases(workerHarness);
observabilityCases(workerHarness);
inputLimitCases(workerHarness);
authLimitCases(workerHarness);
bodyLimitCases(workerHarness);
