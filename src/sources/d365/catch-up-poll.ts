// The catch-up poll (ORDER_SYNC_POLL_MINUTES): asks D365 OData for orders Released and changed
// since the last poll, so an order whose business event D365 lost, or that was released while
// the bridge was down, still reaches the MES. Each is fed through the D365 source as a made-up
// released event with EventId catch-up:<company>:<order>: the second time it is a duplicate, and
// the MES targets look their order up before creating it, so an order synced by its real event
// is not created twice. The last poll's time is kept in the ledger (settings), so a restart or
// another Worker run goes on from there.
import type { Clock, Logger } from '../../core/runtime.js';
import type { ODataOrders } from '../../targets/d365-orders/odata-orders.js';
import type { D365SourceSettings } from './d365-source-settings.js';

const MARK = 'd365_catch_up_polled_at';
/** The first poll looks back this far; later ones overlap the last by a minute (clocks differ). */
const FIRST_LOOK_BACK_MS = 24 * 3_600_000;
const OVERLAP_MS = 60_000;
const RETRY_MS = 60_000;

interface CatchUpDeps {
  settings: D365SourceSettings;
  odata: Pick<ODataOrders, 'releasedSince'>;
  marks: { readMark(key: string): Promise<string | undefined>; writeMark(key: string, value: string | null): Promise<void> };
  /** Records one business event as a delivery; throws when it was refused. */
  ingest(event: Record<string, unknown>): Promise<void>;
  clock: Clock;
  logger: Logger;
}

export function catchUpPoll(d: CatchUpDeps): () => Promise<void> {
  const everyMs = d.settings.pollMinutes * 60_000;
  // The dispatcher's background work runs every second on Node: the ledger's mark is read again
  // only when this process's next poll is due, and an OData outage is asked again after a minute.
  let nextCheck = 0;
  return async () => {
    if (everyMs === 0) return;
    const now = d.clock.now();
    if (now < nextCheck) return;
    const last = Number(await d.marks.readMark(MARK)) || undefined;
    if (last !== undefined && now - last < everyMs) {
      nextCheck = last + everyMs;
      return;
    }
    nextCheck = now + Math.min(everyMs, RETRY_MS);
    const found = await d.odata.releasedSince(last === undefined ? now - FIRST_LOOK_BACK_MS : last - OVERLAP_MS, d.settings.modifiedField);
    if (!found.ok) {
      d.logger.warn('the catch-up poll could not read released orders from D365; it tries again at the next run', { error: found.failure.error ?? `HTTP ${found.failure.status}` });
      return;
    }
    for (const order of found.numbers) {
      // The same body every time (no time in it): a repeat is a duplicate, not a reused key.
      const event = { BusinessEventId: d.settings.releasedEventId, EventId: `catch-up:${d.settings.company}:${order}`, BusinessEventLegalEntity: d.settings.company, ProductionOrderNumber: order };
      try {
        await d.ingest(event);
      } catch (err) {
        d.logger.error('the catch-up poll could not record a released order; it is refused in the ledger', { order, error: String(err) });
      }
    }
    await d.marks.writeMark(MARK, String(now));
    nextCheck = now + everyMs;
    if (found.numbers.length) d.logger.info('catch-up poll: released orders fed through order sync (those already synced are duplicates)', { orders: found.numbers.length });
  };
}
