// VIF progress across a restart on Node: a new bridge over the same ledger file goes on from
// what the last one reported (vif_mos), so a produced quantity reaches the ERP exactly once.
import { afterEach, expect, it } from 'vitest';
import { composeDeps } from '../../src/compose.js';
import { parseBridgeConfig } from '../../src/config/bridge-config.js';
import { openSqliteLedger } from '../../src/store/sqlite-database.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import { ADMIN_TEST_TOKEN, allPostings, TEST_TOKEN } from '../support/harness.js';
import { quietLogger } from '../support/quiet-logger.js';
import { serveFakeD365WithOData, serveFakeVif } from './fake-order-sync-servers.js';
import { nodeHarness } from './node-harness.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

it('a restarted bridge reports only what VIF produced since, never the same quantity again', async () => {
  const d365 = await serveFakeD365WithOData();
  const vif = await serveFakeVif();
  stops.push(d365.stop, vif.stop);
  const env = d365.fake.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'vif', ...vif.fake.env() });
  const h = await nodeHarness({ env });
  stops.unshift(h.close);
  await sendBusinessEvents(h, businessEvent('released'));
  await h.dispatch();
  vif.fake.start('P000123');
  vif.fake.produce('P000123', 4);
  h.clock.advance(60_000);
  await h.dispatch();

  // The next process: its own dependencies over the same ledger file, nothing kept in memory.
  const ledger = openSqliteLedger(h.dbPath, { synchronous: 'normal' });
  stops.unshift(async () => ledger.close());
  const again = composeDeps({ config: parseBridgeConfig({ LOG_REQUESTS: 'false', ...env }), ingestToken: TEST_TOKEN, adminToken: ADMIN_TEST_TOKEN, ledger, clock: h.clock, logger: quietLogger() });
  vif.fake.produce('P000123', 3);
  h.clock.advance(60_000);
  await again.dispatcher.runOnce();
  h.clock.advance(60_000);
  await again.dispatcher.runOnce();

  const finished = (await allPostings(h)).filter((p) => p.messageType === 'ProdProductionOrderReportFinished');
  expect(finished.map((p) => JSON.parse(p.content).ReportFinishedLines[0].ReportedGoodQuantity)).toEqual([4, 3]);
  expect((await allPostings(h)).filter((p) => p.messageType === 'ProdProductionOrderStart')).toHaveLength(1);
  expect(vif.fake.violations).toEqual([]);
});
