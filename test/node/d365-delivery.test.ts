// The shared D365 delivery cases over real HTTP: the fake D365 listens on localhost.
import { alertCases } from '../cases/alert-cases.js';
import { autoStartCases } from '../cases/auto-start-cases.js';
import { d365DeliveryCases } from '../cases/d365-delivery-cases.js';
import { d365VerdictCases } from '../cases/d365-verdict-cases.js';
import { d365FieldsCases } from '../cases/d365-fields-cases.js';
import { d365AnswerCases } from '../cases/outbound-answer-cases.js';
import { retentionCases } from '../cases/retention-cases.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { nodeHarness } from './node-harness.js';

d365DeliveryCases(nodeHarness, serveFakeD365);
d365FieldsCases(nodeHarness, serveFakeD365);
d365AnswerCases(nodeHarness, serveFakeD365);
alertCases(nodeHarness, serveFakeD365);
d365VerdictCases(nodeHarness, serveFakeD365);
retentionCases(nodeHarness, serveFakeD365);
autoStartCases(nodeHarness, serveFakeD365);
