// A released order as D365's OData rows hold it -> the canonical order-issued event the MES
// targets take. D365 keeps a date (at noon UTC; 1900-01-01 = none) and a time of day in seconds
// apart; together they are the planned start and end, taken as UTC (the environment's time zone
// is not in the entity).
import { defined, type EventOfKind } from '../../core/canonical-events.js';
import type { OrderRows } from './odata-orders.js';

type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** D365's date (YYYY-MM-DDT12:00:00Z) and seconds after midnight as one instant; undefined for the empty date. */
export function d365Instant(date: unknown, seconds: unknown): string | undefined {
  const day = typeof date === 'string' ? date.slice(0, 10) : '';
  if (!/^\d{4}-\d\d-\d\d$/.test(day) || day <= '1900-01-01') return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`) + (num(seconds) ?? 0) * 1000;
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

export function issuedOrder(rows: OrderRows, base: { date: string; company: string; occurredAt?: string }): EventOfKind<'order-issued'> {
  const h = rows.header;
  const routeOperations = [...rows.routeOperations]
    .sort((a, b) => (num(a.RouteOperationSequence) ?? num(a.OperationNumber) ?? 0) - (num(b.RouteOperationSequence) ?? num(b.OperationNumber) ?? 0))
    .map((op: Row) =>
      defined({
        operationNumber: num(op.OperationNumber) ?? 0,
        operationId: text(op.OperationId),
        resource: text(op.CostingOperationResourceId),
        plannedStart: d365Instant(op.ScheduledFromDate, op.ScheduledFromTime),
        plannedEnd: d365Instant(op.ScheduledEndDate, op.ScheduledEndTime),
      }),
    );
  return defined({
    kind: 'order-issued' as const,
    productionOrder: String(h.ProductionOrderNumber),
    date: base.date,
    occurredAt: base.occurredAt,
    company: base.company,
    item: text(h.ItemNumber) ?? '',
    quantity: num(h.ScheduledQuantity) ?? 0,
    name: text(h.ProductionOrderName),
    plannedStart: d365Instant(h.ScheduledStartDate, h.ScheduledStartTime),
    plannedEnd: d365Instant(h.ScheduledEndDate, h.ScheduledEndTime),
    site: text(h.ProductionSiteId),
    warehouse: text(h.ProductionWarehouseId),
    productionPool: text(h.ProductionPoolId),
    bomLines: rows.bomLines.map((l: Row) =>
      defined({
        item: text(l.ItemNumber) ?? '',
        quantity: num(l.EstimatedBOMLineQuantity) ?? num(l.BOMLineQuantity) ?? 0,
        unit: text(l.BOMLineUnitSymbol),
        operationNumber: num(l.RouteOperationNumber),
        lineNumber: num(l.LineNumber),
      }),
    ),
    routeOperations,
  });
}
