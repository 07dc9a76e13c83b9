// The shared D365 delivery cases inside workerd: the Cron Trigger's scheduled handler runs the
// dispatcher, and the fake D365 stands in for fetch (workerd tests can't reach a Node server).
import { alertCases } from '../cases/alert-cases.js';
import { autoStartCases } from '../cases/auto-start-cases.js';
import { d365DeliveryCases } from '../cases/d365-delivery-cases.js';
import { d365VerdictCases } from '../cases/d365-verdict-cases.js';
import { d365FieldsCases } from '../cases/d365-fields-cases.js';
import { d365AnswerCases } from '../cases/outbound-answer-cases.js';
import { retentionCases } from '../cases/retention-cases.js';
import { inWorkerFakeD365, workerHarness } from './worker-harness.js';

d365DeliveryCases(workerHarness, inWorkerFakeD365);
d365FieldsCases(workerHarness, inWorkerFakeD365);
d365AnswerCases(workerHarness, inWorkerFakeD365);
alertCases(workerHarness, inWorkerFakeD365);
d365VerdictCases(workerHarness, inWorkerFakeD365);
retentionCases(workerHarness, inWorkerFakeD365);
autoStartCases(workerHarness, inWorkerFakeD365);
