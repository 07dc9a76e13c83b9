// D365 publishes no event when a released order is deleted, and a reset's event may be lost: so
// the catch-up poll also asks D365 about the orders the bridge released to the MES and has not
// seen ended or withdrawn since, a few order numbers per OData request. One that is gone, or back
// before Released (D365_RESET_STATUSES), is fed through the D365 source as a made-up
// status-changed event, keyed by the release it takes back: once per release, and again only
// after the order is released again. A sweep stopped by the run's budget (or an outage) keeps its
// place in the ledger and goes on at the next run.
import type { Logger } from '../../core/runtime.js';
import type { ODataOrders } from '../../targets/d365-orders/odata-orders.js';
import type { OrderTurn } from '../../store/drizzle-order-watch.js';
import { DELETED_STATUS, type D365SourceSettings } from './d365-source-settings.js';

/** What the bridge knows of the orders it released (the deliveries' verbs). */
export interface OrderWatch {
  outstanding(source: string, after: string, limit: number): Promise<OrderTurn[]>;
  lastClosed(source: string, orders: readonly string[]): Promise<Map<string, OrderTurn>>;
}

export const SWEEP_MARK = 'd365_catch_up_checked_to';
/** Order numbers per OData request: the filter is in the URL, which should stay short. */
export const ORDERS_PER_READ = 20;
/** What one OData read may cost: the request, and a token first. */
export const READ_COST = 2;

interface SweepDeps {
  settings: D365SourceSettings;
  odata: Pick<ODataOrders, 'statusesOf'>;
  watch: OrderWatch;
  marks: { writeMark(key: string, value: string | null): Promise<void> };
  ingest(event: Record<string, unknown>): Promise<void>;
  budget: { left(): number };
  logger: Logger;
}

/** Goes on with the sweep after order `after`: done, or stopped by the run's budget or an outage (its place kept). */
export async function sweepWithdrawn(d: SweepDeps, after: string): Promise<'done' | 'budget' | 'outage'> {
  const s = d.settings;
  for (;;) {
    if (d.budget.left() < READ_COST) return 'budget';
    const orders = await d.watch.outstanding('d365', after, ORDERS_PER_READ);
    if (!orders.length) break;
    const read = await d.odata.statusesOf(orders.map((o) => o.productionOrder));
    if (!read.ok) {
      d.logger.warn('the catch-up poll could not ask D365 whether synced orders were reset or deleted; it goes on at the next run', { error: read.failure.error ?? `HTTP ${read.failure.status}` });
      return 'outage';
    }
    for (const o of orders) {
      const status = read.statuses.get(o.productionOrder.toLowerCase());
      if (status !== undefined && !s.resetStatuses.includes(status)) continue;
      const event = { BusinessEventId: s.statusEventId, EventId: `withdrawn:${s.company}:${o.productionOrder}:${o.deliveryId}`, BusinessEventLegalEntity: s.company, ProductionOrderNumber: o.productionOrder, [s.statusField]: status ?? DELETED_STATUS };
      try {
        await d.ingest(event);
      } catch (err) {
        d.logger.error('the catch-up poll could not record a withdrawn order; it is refused in the ledger', { order: o.productionOrder, error: String(err) });
      }
    }
    after = orders.at(-1)!.productionOrder;
    if (orders.length < ORDERS_PER_READ) break;
    await d.marks.writeMark(SWEEP_MARK, after);
  }
  await d.marks.writeMark(SWEEP_MARK, null);
  return 'done';
}

/**
 * The made-up released event's EventId: the same for every poll until the order is withdrawn or
 * ended (a repeat is a duplicate), a new one after that (a re-release syncs again).
 */
export function catchUpEventId(company: string, order: string, lastClosed: OrderTurn | undefined): string {
  return lastClosed ? `catch-up:${company}:${order}:after:${lastClosed.deliveryId}` : `catch-up:${company}:${order}`;
}
