// The shared behaviour cases, run in-process against a real SQLite file.
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
import { nodeHarness } from './node-harness.js';

fixtureCases(nodeHarness);
badInputCases(nodeHarness);
idempotencyCases(nodeHarness);
senderKeyCases(nodeHarness);
reversalCases(nodeHarness);
removeBySubjectCases(nodeHarness);
storeCases(nodeHarness);
adminApiCases(nodeHarness);
observabilityCases(nodeHarness);
inputLimitCases(nodeHarness);
authLimitCases(nodeHarness);
bodyLimitCases(nodeHarness);
