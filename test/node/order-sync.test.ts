// ERP -> MES order sync on Node: D365 business events in, and (against the fakes on localhost)
// OData reads and the MES targets out.
import { d365SourceCases } from '../cases/d365-source-cases.js';
import { ORDER_SYNC_ENV } from '../support/d365-business-events.js';
import { nodeHarness } from './node-harness.js';

d365SourceCases(nodeHarness, () => ORDER_SYNC_ENV);

import { orderReadCases } from '../cases/order-read-cases.js';
import { serveFakeD365WithOData, serveFakeNextPlus, serveFakeVif } from './fake-order-sync-servers.js';

/** The three fakes on localhost; the bridge reaches them with the real fetch. */
async function serveOrderSync() {
  const d365 = await serveFakeD365WithOData();
  const nextplus = await serveFakeNextPlus();
  const vif = await serveFakeVif();
  return { d365: d365.fake, odata: d365.odata, nextplus: nextplus.fake, vif: vif.fake, stop: async () => void (await Promise.all([d365.stop(), nextplus.stop(), vif.stop()])) };
}

orderReadCases(nodeHarness, serveOrderSync);

import { nextplusOrderCases } from '../cases/nextplus-orders-cases.js';

nextplusOrderCases(nodeHarness, serveOrderSync);

import { orderLoopCases } from '../cases/order-loop-cases.js';
import { vifOrderCases } from '../cases/vif-orders-cases.js';

orderLoopCases(nodeHarness, serveOrderSync);
vifOrderCases(nodeHarness, serveOrderSync);

import { orderWithdrawalCases } from '../cases/order-withdrawal-cases.js';

orderWithdrawalCases(nodeHarness, serveOrderSync);
