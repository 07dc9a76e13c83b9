// Canonical events, in production's words rather than any MES's or ERP's. Production events say
// what happened on the floor (MES -> ERP); order events say what the ERP decided about an order
// (ERP -> MES). Sources turn their payloads into these; targets turn these into their messages,
// so a new MES or a new ERP only ever meets this vocabulary. Zod schemas, so the webhook target
// can publish them (OpenAPI) and check an operator's edit against them.
import { z } from 'zod';

const text = z.string().min(1).max(120);
const quantity = z.number().finite();
const isoTime = z.iso.datetime({ offset: true });

/** What every event carries: whose order, which plant day it is booked on, and its traceability. */
const base = {
  productionOrder: text,
  /** The plant's calendar day the event is booked on (YYYY-MM-DD, PLANT_TIME_ZONE). */
  date: z.iso.date(),
  /** When it happened on the floor, if the MES said (ISO 8601). */
  occurredAt: isoTime.optional(),
  serial: text.optional(),
  lot: text.optional(),
  /** Unit of measure as the MES names it. */
  unit: text.optional(),
};

const orderStarted = z.strictObject({ kind: z.literal('order-started'), ...base, quantity, item: text.optional() });

const materialConsumed = z.strictObject({
  kind: z.literal('material-consumed'),
  ...base,
  item: text,
  quantity,
  operationNumber: z.number().int().optional(),
});

const operationReported = z.strictObject({
  kind: z.literal('operation-reported'),
  ...base,
  /** The ERP route's operation number (Next Plus position; Proficy: configured per name). */
  operationNumber: z.number().int().optional(),
  /** The ERP's operation id, when the MES knows it (Next Plus actCode). */
  operationId: text.optional(),
  /** The MES's own name for the operation (Proficy). */
  operationName: text.optional(),
  resource: text.optional(),
  goodQuantity: quantity.optional(),
  scrapQuantity: quantity.optional(),
  hours: quantity.optional(),
  worker: text.optional(),
  startedAt: isoTime.optional(),
  endedAt: isoTime.optional(),
  /** The MES says the operation is complete (Proficy's Operation Completed): nothing more is reported on it. */
  operationCompleted: z.boolean().optional(),
});

const quantityFinished = z.strictObject({
  kind: z.literal('quantity-finished'),
  ...base,
  goodQuantity: quantity,
  scrapQuantity: quantity.optional(),
  item: text.optional(),
  /**
   * Lots or batches produced, when the MES names them, each with its quantity in the event's unit
   * when the MES gives one (an ERP books one report per lot, so a lot's batch number is traceable).
   */
  lots: z.array(z.strictObject({ batch: text, quantity: quantity.optional() })).optional(),
});

const orderEnded = z.strictObject({ kind: z.literal('order-ended'), ...base });

/** What every order event carries: the ERP's order, the plant day, and the ERP's company. */
const orderBase = {
  productionOrder: text,
  date: z.iso.date(),
  occurredAt: isoTime.optional(),
  /** The ERP's company (D365 legal entity) the order belongs to. */
  company: text.optional(),
};

/** The ERP released an order for production: only its number is known yet. */
const orderReleased = z.strictObject({ kind: z.literal('order-released'), ...orderBase });

const bomLine = z.strictObject({ item: text, quantity, unit: text.optional(), operationNumber: z.number().int().optional(), lineNumber: z.number().optional() });
const routeOperation = z.strictObject({
  operationNumber: z.number().int(),
  operationId: text.optional(),
  resource: text.optional(),
  plannedStart: isoTime.optional(),
  plannedEnd: isoTime.optional(),
});

/** A released order read in full: what an MES needs to make it. */
const orderIssued = z.strictObject({
  kind: z.literal('order-issued'),
  ...orderBase,
  item: text,
  quantity,
  unit: text.optional(),
  /** The order's name in the ERP (D365 ProductionOrderName). */
  name: text.optional(),
  plannedStart: isoTime.optional(),
  plannedEnd: isoTime.optional(),
  site: text.optional(),
  warehouse: text.optional(),
  productionPool: text.optional(),
  bomLines: z.array(bomLine),
  /** In route order; the last is the route's last operation. */
  routeOperations: z.array(routeOperation),
});

/** The ERP moved an order on: started, or ended (D365: StartedUp, Completed). */
const orderStatusChanged = z.strictObject({ kind: z.literal('order-status-changed'), ...orderBase, status: z.enum(['started', 'ended']) });

export const canonicalEventSchema = z.discriminatedUnion('kind', [
  orderStarted,
  materialConsumed,
  operationReported,
  quantityFinished,
  orderEnded,
  orderReleased,
  orderIssued,
  orderStatusChanged,
]);

export type CanonicalEvent = z.infer<typeof canonicalEventSchema>;
export type CanonicalKind = CanonicalEvent['kind'];
export type EventOfKind<K extends CanonicalKind> = Extract<CanonicalEvent, { kind: K }>;

export const canonicalKinds = canonicalEventSchema.options.map((o) => o.shape.kind.value) as CanonicalKind[];

/** What happened on the floor: MES -> ERP. */
export const productionKinds = ['order-started', 'material-consumed', 'operation-reported', 'quantity-finished', 'order-ended'] as const satisfies CanonicalKind[];
export type ProductionKind = (typeof productionKinds)[number];
/** What the ERP decided about an order: ERP -> MES. */
export const orderKinds = ['order-released', 'order-issued', 'order-status-changed'] as const satisfies CanonicalKind[];
export type OrderKind = (typeof orderKinds)[number];
export type ProductionEvent = EventOfKind<ProductionKind>;
export type OrderEvent = EventOfKind<OrderKind>;

export const isProductionEvent = (e: CanonicalEvent): e is ProductionEvent => (productionKinds as readonly string[]).includes(e.kind);

/** Leaves out undefined fields: what a target sees is exactly what the source knew. */
export function defined<const T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Where an event came from, for targets that pass it on (the webhook). */
export interface EventOrigin {
  source: string;
  integration: string;
  eventType?: string;
  deliveryId: string;
  /** What the source was answered with (Next Plus externalId, Proficy id). */
  externalId: string;
  receivedAt: number;
}
