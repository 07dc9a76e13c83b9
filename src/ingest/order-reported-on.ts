// The order a delivery reports on, when the bridge synced it to its source's MES: looked up
// before the source interprets the delivery (which stays pure), at ingest and at a repost.
import type { KnownOrder } from '../core/known-order.js';
import type { DeliverySummary, SourceIntegration } from '../sources/source.js';
import type { LedgerStore } from '../store/ledger-store.js';
import type { Target } from '../targets/target.js';

/**
 * Looked up only while the source's MES target (`ordersOf`) is on, so a bridge without order
 * sync reads nothing more per delivery: by the work order number among that target's MES
 * orders, then by the production order.
 */
export async function orderReportedOn(deps: { store: LedgerStore; targets: readonly Target[] }, integration: SourceIntegration, s: DeliverySummary): Promise<KnownOrder | undefined> {
  const mesTarget = integration.ordersOf;
  if (!mesTarget || !deps.targets.some((t) => t.name === mesTarget)) return undefined;
  if (!s.workorderNumber && !s.productionOrder) return undefined;
  return deps.store.findKnownOrder({ mesTarget, mesNumber: s.workorderNumber, productionOrder: s.productionOrder });
}

