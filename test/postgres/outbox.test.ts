// The shared outbox cases on a PostgreSQL ledger, over real HTTP to the fakes on localhost:
// D365 and webhook delivery, their answers, fan-out, alerts and retention (test/node: SQLite).
import { describe } from 'vitest';
import { alertCases } from '../cases/alert-cases.js';
import { d365DeliveryCases } from '../cases/d365-delivery-cases.js';
import { fanoutCases } from '../cases/fanout-cases.js';
import { d365AnswerCases, webhookAnswerCases } from '../cases/outbound-answer-cases.js';
import { retentionCases } from '../cases/retention-cases.js';
import { webhookCases } from '../cases/webhook-cases.js';
import { serveFakeD365 } from '../node/fake-d365-server.js';
import { serveFakeErps, serveFakeWebhook } from '../node/fake-webhook-server.js';
import { pgHarness, pgSkipped } from './pg-harness.js';

describe.skipIf(pgSkipped)('on PostgreSQL', () => {
  d365DeliveryCases(pgHarness, serveFakeD365);
  d365AnswerCases(pgHarness, serveFakeD365);
  webhookCases(pgHarness, serveFakeWebhook);
  webhookAnswerCases(pgHarness, serveFakeWebhook);
  fanoutCases(pgHarness, serveFakeErps);
  alertCases(pgHarness, serveFakeD365);
  retentionCases(pgHarness, serveFakeD365);
});
