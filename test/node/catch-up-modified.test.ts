// The catch-up poll with a "last changed" field configured (D365_MODIFIED_FIELD; the published
// entity has none, the fake keeps one when asked): it asks for orders changed since its last
// poll and syncs the one it missed.
import { afterEach, expect, it } from 'vitest';
import { allDeliveries } from '../support/harness.js';
import { serveFakeD365WithOData, serveFakeVif } from './fake-order-sync-servers.js';
import { nodeHarness } from './node-harness.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

it('polls by the configured modified field and syncs an order released since the last poll', async () => {
  let now = () => Date.parse('2026-03-04T10:00:00Z');
  const d365 = await serveFakeD365WithOData({ modifiedField: 'ModifiedDateTime', now: () => now() });
  const vif = await serveFakeVif();
  stops.push(d365.stop, vif.stop);
  const h = await nodeHarness({ env: d365.fake.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'vif', D365_MODIFIED_FIELD: 'ModifiedDateTime', ...vif.fake.env() }) });
  stops.unshift(h.close);
  now = () => h.clock.now();
  await h.dispatch();
  await h.dispatch();
  h.clock.advance(5 * 60_000);
  d365.odata.orders.addOrder('P000124');
  h.clock.advance(11 * 60_000);
  await h.dispatch();
  await h.dispatch();
  expect(vif.fake.mos.map((m) => m.moNb)).toEqual(['P000123', 'P000124']);
  expect(vif.fake.creates).toBe(2);
  const filters = d365.odata.requests.filter((r) => r.path.endsWith('/ProductionOrderHeaders') && (r.query.$filter ?? '').includes('ModifiedDateTime gt'));
  expect(filters.map((r) => r.query.$filter)).toEqual([expect.stringContaining('ModifiedDateTime gt 2026-03-03T10:00:00Z'), expect.stringContaining('ModifiedDateTime gt 2026-03-04T09:59:00Z')]);
  expect((await allDeliveries(h)).filter((d) => d.source === 'd365').map((d) => d.outcome).sort()).toEqual(['accepted', 'accepted', 'duplicate']);
  expect(d365.odata.violations).toEqual([]);
});
