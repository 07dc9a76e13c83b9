// The load of the fault tests (test/node/fault-*.test.ts): bursts of item-attach events over
// several production orders, and what D365 made of them: each SKU delivered, how many times,
// and in which order per production order.
import { expect } from 'vitest';
import { itemOf, type FakeD365 } from './fake-d365.js';
import { postEvent, postingsInState, settle } from './fault-tools.js';
import { realEvent } from './fixtures.js';

export const itemEvent = (order: string, sku: string) => realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 } });

/** What D365 received, as item SKUs: how many of each, and the first arrival of each per order. */
export function tally(fake: FakeD365) {
  const count = new Map<string, number>();
  const firstArrivals = new Map<string, string[]>();
  for (const r of fake.received) {
    const sku = itemOf(r);
    if (!sku) continue;
    count.set(sku, (count.get(sku) ?? 0) + 1);
    if (count.get(sku) === 1) firstArrivals.set(r.order, [...(firstArrivals.get(r.order) ?? []), sku]);
  }
  const duplicates = [...count.values()].reduce((n, c) => n + c - 1, 0);
  return { count, firstArrivals, duplicates, distinct: count.size };
}

/**
 * A burst of item-attach events: `perOrder` for each of `orders` production orders, each order's
 * events sent one after another (so the order they were acknowledged in is unambiguous), all
 * orders at once. An event that gets no answer (the bridge is down) is sent again, the same
 * body, once `bridgeBack()` resolves, as the MES would: if the first one was committed the
 * ledger answers the repeat as a duplicate with the same externalId.
 */
export async function burst(opts: {
  prefix: string;
  orders: number;
  perOrder: number;
  url: () => string;
  bridgeBack?: () => Promise<void>;
  onAck?: (acked: number) => void;
}) {
  const acked = new Map<string, string[]>(); // order -> SKUs in acknowledgement order
  const externalIds = new Set<string>();
  let count = 0;
  let unanswered = 0;
  await Promise.all(
    Array.from({ length: opts.orders }, async (_, o) => {
      const order = `${opts.prefix}-PO-${o}`;
      acked.set(order, []);
      for (let k = 0; k < opts.perOrder; k++) {
        const sku = `${opts.prefix}-${o}-${k}`;
        const body = itemEvent(order, sku);
        for (;;) {
          const r = await postEvent(opts.url(), body);
          if (r.ok) {
            acked.get(order)!.push(sku);
            externalIds.add(r.externalId);
            opts.onAck?.(++count);
            break;
          }
          if (r.status !== 0 || !opts.bridgeBack) throw new Error(`${sku}: ${r.status} ${'body' in r ? r.body : r.error}`);
          unanswered++;
          await opts.bridgeBack();
        }
      }
    }),
  );
  return { acked, externalIds, count, unanswered };
}

/**
 * Waits until D365 has every acknowledged SKU, the ledger (`db`) has nothing queued or sending,
 * and D365 has received nothing new for a while (room for a wrongful repeat to show up).
 */
export function drained(fake: FakeD365, db: string, acked: Map<string, string[]>): Promise<boolean> {
  const all = [...acked.values()].flat();
  return settle(
    () => fake.received.length,
    () => {
      const { count } = tally(fake);
      return all.every((sku) => count.has(sku)) && postingsInState(db, 'queued') + postingsInState(db, 'sending') === 0;
    },
  );
}

/** Every acknowledged SKU reached D365, and within each order first arrivals keep acknowledgement order. */
export function expectDeliveredInOrder(fake: FakeD365, acked: Map<string, string[]>) {
  const t = tally(fake);
  const lost = [...acked.values()].flat().filter((sku) => !t.count.has(sku));
  expect(lost, 'acknowledged but never delivered').toEqual([]);
  for (const [order, skus] of acked) {
    const ackSet = new Set(skus);
    expect((t.firstArrivals.get(order) ?? []).filter((s) => ackSet.has(s)), `arrival order of ${order}`).toEqual(skus);
  }
  return t;
}
