// The soak's reckoning: what the MES was told (acknowledged adds and removes, with externalIds)
// against what the ledger holds and what D365 received, message key by message key. An add
// removed before it was sent is cancelled with its reversal and must not arrive at all.
import type { FakeD365, Received } from '../../test/support/fake-d365.js';
import { readLedger } from '../../test/support/fault-tools.js';
import type { AddEvent } from './mes-events.js';

/** The key of a D365 message, as AddEvent.key names it (":rev" for a reversal: a negative quantity). */
function keyOf(r: Received): string {
  const c = r.content;
  const line = (name: string) => (c[name] as Record<string, unknown>[] | undefined)?.[0] ?? {};
  if (r.type === 'ProdProductionOrderPickingList') return `item:${line('PickingListLines').ItemNumber}${Number(line('PickingListLines').ConsumptionBOMQuantity) < 0 ? ':rev' : ''}`;
  if (r.type === 'ProdProductionOrderRouteCard') return `op:${line('RouteCardLines').OperationsResourceId}${Number(line('RouteCardLines').GoodQuantity) < 0 ? ':rev' : ''}`;
  if (r.type === 'ProdProductionOrderStart') return `start:${c.ProductionOrderNumber}${Number(c.StartedQuantity) < 0 ? ':rev' : ''}`;
  return `other:${r.type}:${JSON.stringify(c)}`;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function reckon(db: string, fake: FakeD365, adds: readonly AddEvent[], anomalies: string[]) {
  const ledger = readLedger(db, (d) => ({
    cancelled: new Set((d.prepare("SELECT DISTINCT dl.external_id AS x FROM postings p JOIN deliveries dl ON dl.id = p.delivery_id WHERE p.state = 'cancelled'").all() as { x: string }[]).map((r) => r.x)),
    accepted: new Set((d.prepare("SELECT external_id AS x FROM deliveries WHERE outcome = 'accepted'").all() as { x: string }[]).map((r) => r.x)),
    postingsByState: d.prepare('SELECT state, count(*) AS n FROM postings GROUP BY state').all() as { state: string; n: number }[],
  }));

  const expected = new Map<string, number>(); // acknowledged and not cancelled: must arrive
  const maybe = new Map<string, number>(); // sent, never acknowledged: may arrive (committed, answer lost)
  let acknowledged = 0;
  let cancelledPairs = 0;
  let notInLedger = 0;
  for (const add of adds) {
    if (!add.externalId) {
      bump(maybe, add.key);
      continue;
    }
    acknowledged++;
    if (!ledger.accepted.has(add.externalId)) notInLedger++;
    const rm = add.removal;
    if (rm?.externalId) {
      acknowledged++;
      if (!ledger.accepted.has(rm.externalId)) notInLedger++;
    }
    if (ledger.cancelled.has(add.externalId)) {
      // Only a remove that came before the send cancels an add, and its reversal with it.
      // (A remove sent but never answered may have been committed: it cancels just the same.)
      if (!rm) anomalies.push(`${add.key} (${add.externalId}) was cancelled, and no remove of it was sent`);
      else if (rm.externalId && add.kind !== 'device' && !ledger.cancelled.has(rm.externalId)) anomalies.push(`${add.key} was cancelled but its reversal ${rm.externalId} was not`);
      cancelledPairs++;
      continue;
    }
    bump(expected, add.key);
    if (add.kind === 'device' || !rm) continue;
    if (rm.externalId) {
      if (ledger.cancelled.has(rm.externalId)) anomalies.push(`reversal ${rm.externalId} of ${add.key} was cancelled but ${add.key} was not`);
      else bump(expected, `${add.key}:rev`);
    } else bump(maybe, `${add.key}:rev`);
  }

  const received = new Map<string, number>();
  for (const r of fake.received) bump(received, keyOf(r));
  let lost = 0;
  let delivered = 0;
  let duplicated = 0;
  let unacknowledgedDelivered = 0;
  let phantom = 0;
  const lostKeys: string[] = [];
  for (const key of new Set([...expected.keys(), ...received.keys()])) {
    const want = expected.get(key) ?? 0;
    const got = received.get(key) ?? 0;
    delivered += Math.min(want, got);
    if (got < want) {
      lost += want - got;
      lostKeys.push(`${key} (${got} of ${want})`);
    }
    const extra = Math.max(0, got - want);
    const explained = Math.min(extra, maybe.get(key) ?? 0);
    unacknowledgedDelivered += explained;
    if (!expected.has(key) && !maybe.has(key)) phantom += extra;
    else duplicated += extra - explained;
  }
  return { postingsByState: ledger.postingsByState, acknowledged, cancelledPairs, notInLedger, lost, lostKeys, delivered, duplicated, unacknowledgedDelivered, phantom };
}

export type Reckoning = ReturnType<typeof reckon>;
