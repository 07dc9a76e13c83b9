// The same delivery POSTed to two built bridges on one PostgreSQL database at the same moment (a
// sender that retried on another instance before the first answered): the database's unique
// key decides, so it is accepted once and the other bridge answers it as a duplicate with the
// same externalId; D365 receives it once.
import { describe, expect, it } from 'vitest';
import { postEvent } from '../support/fault-tools.js';
import { itemEvent, tally } from '../support/item-burst.js';
import { drainedPg, onLedger, pgBridgeFixture } from './bridges-on-pg.js';
import { freshDatabase, pgSkipped } from './pg-harness.js';

const { fakeD365, startBridges, afterBridges } = pgBridgeFixture();
const ROUNDS = 8;

describe.skipIf(pgSkipped)('the same delivery to two bridges at once', () => {
  it('is accepted once; the other bridge answers it as a duplicate with the same externalId', async () => {
    const db = await freshDatabase();
    afterBridges(db.drop);
    const fake = await fakeD365(0);
    const [a, b] = await startBridges(2, fake, db.url);
    const acked = new Map<string, string[]>();
    for (let round = 0; round < ROUNDS; round++) {
      const order = `SAME-PO-${round}`;
      const sku = `SAME-${round}`;
      const body = itemEvent(order, sku);
      const answers = await Promise.all([a!, b!].map((bridge) => postEvent(bridge.urls['Item Attach']!, body)));
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      const ids = answers.map((r) => (r.ok ? r.externalId : ''));
      expect(ids[0]).toBe(ids[1]);
      const rows = await onLedger<{ outcome: string; external_id: string }>(db.url, 'SELECT outcome, external_id FROM deliveries WHERE production_order = $1 ORDER BY outcome', [order]);
      expect(rows).toEqual([
        { outcome: 'accepted', external_id: ids[0] },
        { outcome: 'duplicate', external_id: ids[0] },
      ]);
      acked.set(order, [sku]);
    }
    expect(await drainedPg(fake, db.url, acked)).toBe(true);
    const t = tally(fake);
    expect([t.distinct, t.duplicates]).toEqual([ROUNDS, 0]);
  });
});
