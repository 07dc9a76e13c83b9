// The sources' shared cases on a PostgreSQL ledger: GE Proficy, the webhook for Proficy, ERP ->
// MES order sync against the fakes on localhost, and the watch (target health, quiet lines).
import { describe } from 'vitest';
import { builtInNameCases } from '../cases/built-in-names-cases.js';
import { d365SourceCases } from '../cases/d365-source-cases.js';
import { nextplusOrderCases } from '../cases/nextplus-orders-cases.js';
import { orderLoopCases } from '../cases/order-loop-cases.js';
import { orderReadCases } from '../cases/order-read-cases.js';
import { proficyCases } from '../cases/proficy-cases.js';
import { proficyDeliveryCases } from '../cases/proficy-delivery-cases.js';
import { proficyKeysCases } from '../cases/proficy-keys-cases.js';
import { proficyWebhookCases } from '../cases/proficy-webhook-cases.js';
import { quietLineCases } from '../cases/quiet-line-cases.js';
import { targetHealthCases } from '../cases/target-health-cases.js';
import { vifOrderCases } from '../cases/vif-orders-cases.js';
import { ORDER_SYNC_ENV } from '../support/d365-business-events.js';
import { serveFakeD365 } from '../node/fake-d365-server.js';
import { serveFakeD365WithOData, serveFakeNextPlus, serveFakeVif } from '../node/fake-order-sync-servers.js';
import { serveFakeWebhook } from '../node/fake-webhook-server.js';
import { pgHarness, pgSkipped } from './pg-harness.js';

/** The three fakes on localhost; the bridge reaches them with the real fetch. */
async function serveOrderSync() {
  const d365 = await serveFakeD365WithOData();
  const nextplus = await serveFakeNextPlus();
  const vif = await serveFakeVif();
  return { d365: d365.fake, odata: d365.odata, nextplus: nextplus.fake, vif: vif.fake, stop: async () => void (await Promise.all([d365.stop(), nextplus.stop(), vif.stop()])) };
}

describe.skipIf(pgSkipped)('on PostgreSQL', () => {
  proficyCases(pgHarness);
  proficyDeliveryCases(pgHarness);
  proficyKeysCases(pgHarness);
  proficyWebhookCases(pgHarness, serveFakeWebhook);
  builtInNameCases(pgHarness);
  d365SourceCases(pgHarness, () => ORDER_SYNC_ENV);
  orderReadCases(pgHarness, serveOrderSync);
  nextplusOrderCases(pgHarness, serveOrderSync);
  orderLoopCases(pgHarness, serveOrderSync);
  vifOrderCases(pgHarness, serveOrderSync);
  targetHealthCases(pgHarness, serveFakeD365);
  quietLineCases(pgHarness, serveFakeD365);
});
