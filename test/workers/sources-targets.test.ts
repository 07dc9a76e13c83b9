// The GE Proficy source, the webhook target and fan-out inside workerd, on D1: the fakes stand
// in for fetch (with both, one fetch routes by host), and dispatch() fires the Cron Trigger.
import { builtInNameCases } from '../cases/built-in-names-cases.js';
import { fanoutCases } from '../cases/fanout-cases.js';
import { webhookAnswerCases } from '../cases/outbound-answer-cases.js';
import { proficyCases } from '../cases/proficy-cases.js';
import { proficyDeliveryCases } from '../cases/proficy-delivery-cases.js';
import { proficyKeysCases } from '../cases/proficy-keys-cases.js';
import { proficyWebhookCases } from '../cases/proficy-webhook-cases.js';
import { webhookCases } from '../cases/webhook-cases.js';
import { inWorkerFakeErps, inWorkerFakeWebhook } from './fake-erps-in-worker.js';
import { workerHarness } from './worker-harness.js';

proficyCases(workerHarness);
proficyDeliveryCases(workerHarness);
proficyKeysCases(workerHarness);
proficyWebhookCases(workerHarness, inWorkerFakeWebhook);
webhookCases(workerHarness, inWorkerFakeWebhook);
webhookAnswerCases(workerHarness, inWorkerFakeWebhook);
fanoutCases(workerHarness, inWorkerFakeErps);
builtInNameCases(workerHarness);
