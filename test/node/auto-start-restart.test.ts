// Orders started once across restarts: the bridge keeps nothing in memory about which orders it
// started; a bridge opened anew on the same ledger file finds the Start in the order's lane.
import { expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { allPostings, post } from '../support/harness.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { nodeHarness } from './node-harness.js';

it('a restart between two deliveries of a never-started order still writes one Start', async () => {
  const served = await serveFakeD365();
  const env = served.fake.env({ D365_AUTO_START: 'true' });
  const attach = (sku: string) => realEvent('item-attach-add', { workorderExternalId: 'PO-R', item: { sku, quantity: 1 } });
  const before = await nodeHarness({ env });
  try {
    expect((await post(before, '/nextplus/item-attach', attach('C1'))).status).toBe(200);
    const after = await nodeHarness({ env, ledgerPath: before.dbPath });
    try {
      expect((await post(after, '/nextplus/item-attach', attach('C2'))).status).toBe(200);
      expect((await allPostings(after)).map((p) => p.messageType)).toEqual([
        'ProdProductionOrderStart',
        'ProdProductionOrderPickingList',
        'ProdProductionOrderPickingList',
      ]);
    } finally {
      await after.close();
    }
  } finally {
    await before.close();
    await served.stop();
  }
});
