// The GE Proficy source, the webhook target and fan-out to D365 and the webhook, over real
// HTTP: the fake receiver and the fake D365 listen on localhost.
import { builtInNameCases } from '../cases/built-in-names-cases.js';
import { fanoutCases } from '../cases/fanout-cases.js';
import { webhookAnswerCases } from '../cases/outbound-answer-cases.js';
import { proficyCases } from '../cases/proficy-cases.js';
import { proficyDeliveryCases } from '../cases/proficy-delivery-cases.js';
import { proficyKeysCases } from '../cases/proficy-keys-cases.js';
import { proficyWebhookCases } from '../cases/proficy-webhook-cases.js';
import { webhookCases } from '../cases/webhook-cases.js';
import { serveFakeErps, serveFakeWebhook } from './fake-webhook-server.js';
import { nodeHarness } from './node-harness.js';

proficyCases(nodeHarness);
proficyDeliveryCases(nodeHarness);
proficyKeysCases(nodeHarness);
proficyWebhookCases(nodeHarness, serveFakeWebhook);
webhookCases(nodeHarness, serveFakeWebhook);
webhookAnswerCases(nodeHarness, serveFakeWebhook);
fanoutCases(nodeHarness, serveFakeErps);
builtInNameCases(nodeHarness);
