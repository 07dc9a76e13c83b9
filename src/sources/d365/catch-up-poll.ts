// The catch-up poll (ORDER_SYNC_POLL_MINUTES): asks D365 OData for orders Released and changed
// since the last poll, so an order whose business event D365 lost, or that was released while
// the bridge was down, still reaches the MES. Each is fed through the D365 source as a made-up
// released event with EventId catch-up:<company>:<order> (after a withdrawal, a new one): the
// second time it is a duplicate, and the MES targets look their order up before creating it, so
// an order synced by its real event is not created twice. Each poll then sweeps the synced orders
// for ones reset or deleted (withdrawn-sweep.ts). The last poll's time and the sweep's place are
// kept in the ledger (settings), so a restart or another Worker run goes on from there; every
// OData request counts against the run's budget (ORDER_SYNC_POLL_BUDGET).
import type { Clock, Logger } from '../../core/runtime.js';
import type { ODataOrders } from '../../targets/d365-orders/odata-orders.js';
import type { D365SourceSettings } from './d365-source-settings.js';
import { catchUpEventId, READ_COST, sweepWithdrawn, SWEEP_MARK, type OrderWatch } from './withdrawn-sweep.js';

const MARK = 'd365_catch_up_polled_at';
/** The first poll looks back this far; later ones overlap the last by a minute (clocks differ). */
const FIRST_LOOK_BACK_MS = 24 * 3_600_000;
const OVERLAP_MS = 60_000;
const RETRY_MS = 60_000;

interface CatchUpDeps {
  settings: D365SourceSettings;
  odata: Pick<ODataOrders, 'releasedSince' | 'statusesOf'>;
  /** The orders the bridge released and has not seen ended: absent, no sweep. */
  watch?: OrderWatch;
  marks: { readMark(key: string): Promise<string | undefined>; writeMark(key: string, value: string | null): Promise<void> };
  /** Records one business event as a delivery; throws when it was refused. */
  ingest(event: Record<string, unknown>): Promise<void>;
  budget: { left(): number };
  clock: Clock;
  logger: Logger;
}

export function catchUpPoll(d: CatchUpDeps): () => Promise<void> {
  const everyMs = d.settings.pollMinutes * 60_000;
  // The dispatcher's background work runs every second on Node: the ledger's mark is read again
  // only when this process's next poll is due, and an OData outage is asked again after a minute.
  let nextCheck = 0;
  const sweep = async (after: string) => {
    const how = d.watch ? await sweepWithdrawn({ ...d, watch: d.watch }, after) : 'done';
    if (how === 'budget') nextCheck = 0; // the next run goes on where this one stopped
    return how;
  };
  return async () => {
    if (everyMs === 0) return;
    const now = d.clock.now();
    if (now < nextCheck) return;
    const last = Number(await d.marks.readMark(MARK)) || undefined;
    const sweeping = await d.marks.readMark(SWEEP_MARK);
    const due = last === undefined || now - last >= everyMs;
    if (!due && sweeping === undefined) {
      nextCheck = last! + everyMs;
      return;
    }
    if (d.budget.left() < READ_COST) {
      nextCheck = 0; // the next run goes on
      return;
    }
    nextCheck = now + Math.min(everyMs, RETRY_MS);
    // A sweep under way goes on first; one that ends in this run is not started again in it.
    if (sweeping !== undefined && (await sweep(sweeping)) !== 'done') return;
    if (!due) return void (nextCheck = last! + everyMs);
    const found = await d.odata.releasedSince(last === undefined ? now - FIRST_LOOK_BACK_MS : last - OVERLAP_MS, d.settings.modifiedField);
    if (!found.ok) {
      d.logger.warn('the catch-up poll could not read released orders from D365; it tries again at the next run', { error: found.failure.error ?? `HTTP ${found.failure.status}` });
      return;
    }
    const closed = d.watch ? await d.watch.lastClosed('d365', found.numbers) : new Map();
    for (const order of found.numbers) {
      // The same body every time until the order is taken back (no time in it): a repeat is a duplicate, not a reused key.
      const event = { BusinessEventId: d.settings.releasedEventId, EventId: catchUpEventId(d.settings.company, order, closed.get(order)), BusinessEventLegalEntity: d.settings.company, ProductionOrderNumber: order };
      try {
        await d.ingest(event);
      } catch (err) {
        d.logger.error('the catch-up poll could not record a released order; it is refused in the ledger', { order, error: String(err) });
      }
    }
    await d.marks.writeMark(MARK, String(now));
    if (found.numbers.length) d.logger.info('catch-up poll: released orders fed through order sync (those already synced are duplicates)', { orders: found.numbers.length });
    nextCheck = now + everyMs;
    if (sweeping !== undefined || !d.watch) return;
    await d.marks.writeMark(SWEEP_MARK, '');
    if ((await sweep('')) === 'outage') nextCheck = now + Math.min(everyMs, RETRY_MS);
  };
}
