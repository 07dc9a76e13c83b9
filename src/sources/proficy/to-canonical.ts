// Proficy events -> canonical production events. Pure, like Next Plus's translation: the
// settings and the plant date come in. Proficy names operations ("FrameAssembly") where an
// ERP route numbers them, so an operation report needs PROFICY_OPERATION_NUMBERS: a missing
// number is refused in words, never guessed.
import { defined, type ProductionEvent } from '../../core/canonical-events.js';
import { unprocessable } from '../../core/domain-errors.js';
import type { OperationClockedOff, OperationCompleted, ProcessOrderCompleted } from './proficy-events.js';
import type { ProficySettings } from './proficy-settings.js';

export const productionOrderOf = (name: string, s: ProficySettings) => s.productionOrders.get(name) ?? name;

/** Hours between two ISO times, to the 1/10,000 h (D365 route cards book hours). */
function hoursBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 360)) / 10_000;
}

function operationNumber(name: string, s: ProficySettings): number {
  const n = s.operationNumbers.get(name);
  if (n === undefined) {
    throw unprocessable(
      `Proficy operation "${name}" has no ERP operation number, so its report can't be posted. Add it to the bridge's PROFICY_OPERATION_NUMBERS setting, e.g. {"${name}": 10}. Nothing was posted.`,
    );
  }
  return n;
}

/**
 * The key an operation's completion is filed under, so its cancellation can find it: the three
 * parts as a JSON array, so no names (a "|" in a work order) make two operations' keys alike.
 */
export const operationSubject = (workOrder: string, operation: string, lot: string | undefined) => `op:${JSON.stringify([workOrder, operation, lot ?? null])}`;

/**
 * The key earlier versions filed it under, "op:wo|op|lot", for completions recorded then.
 * Only where no part holds a "|": then no other parts give the same text (theirs would have
 * more than two), so the old form can't find another operation's completion.
 */
export function legacyOperationSubject(workOrder: string, operation: string, lot: string | undefined): string | undefined {
  const parts = [workOrder, operation, lot ?? ''];
  return parts.some((p) => p.includes('|')) ? undefined : `op:${parts.join('|')}`;
}

export function operationCompletedEvents(e: OperationCompleted, s: ProficySettings, date: string): ProductionEvent[] {
  const op = e.operationInfo;
  const kinds = new Set(s.events['operation-completed']);
  if (s.lastOperations.includes(op.name)) kinds.add('quantity-finished');
  const base = { productionOrder: productionOrderOf(e.workOrderName, s), date, occurredAt: op.endTime, unit: op.unitOfMeasure };
  const lot = e.lotIdentifier?.name;
  const events: ProductionEvent[] = [];
  const number = kinds.has('operation-reported') ? operationNumber(op.name, s) : s.operationNumbers.get(op.name);
  if (kinds.has('operation-reported')) {
    events.push(
      defined({
        kind: 'operation-reported',
        ...base,
        operationNumber: number,
        operationName: op.name,
        resource: op.unitName,
        goodQuantity: op.completedQuantity,
        // Hours from one event only (PROFICY_HOURS_FROM): by default the clock-off books them.
        hours: s.hoursFrom === 'completion' ? hoursBetween(op.startTime, op.endTime) : undefined,
        worker: op.completedBy,
        lot,
        startedAt: op.startTime,
        endedAt: op.endTime,
        operationCompleted: true,
      }),
    );
  }
  if (kinds.has('material-consumed')) {
    for (const line of op.billOfMaterials) {
      events.push(
        defined({ kind: 'material-consumed', ...base, item: line.name, quantity: line.quantity, unit: line.unitOfMeasure, lot: line.lotIdentifier?.name, operationNumber: number }),
      );
    }
  }
  if (kinds.has('quantity-finished')) {
    events.push(defined({ kind: 'quantity-finished', ...base, goodQuantity: op.completedQuantity, item: op.producedMaterial, lot }));
  }
  return events;
}

export function clockedOffEvents(e: OperationClockedOff, s: ProficySettings, date: string): ProductionEvent[] {
  // With PROFICY_HOURS_FROM=completion the completion books the hours: the clock-off posts nothing.
  if (!s.events['operation-clocked-off'].includes('operation-reported') || s.hoursFrom === 'completion') return [];
  return [
    defined({
      kind: 'operation-reported',
      productionOrder: productionOrderOf(e.workOrderName, s),
      date,
      occurredAt: e.clockedOffTime,
      operationNumber: operationNumber(e.operation, s),
      operationName: e.operation,
      resource: e.unitName,
      hours: hoursBetween(e.clockedOnTime, e.clockedOffTime),
      worker: e.operatorName ?? e.clockedOffBy,
      startedAt: e.clockedOnTime,
      endedAt: e.clockedOffTime,
    }),
  ];
}

/**
 * A lot's quantity in the order's own unit: Proficy measures a lot in several units (its
 * dimensional quantities); only the one in the order's engineering unit adds up to the order's
 * quantity. None in that unit: the lot's quantity is not known (never converted or guessed).
 */
function lotQuantity(lot: NonNullable<ProcessOrderCompleted['materialLots']>[number], unit: string | undefined): number | undefined {
  if (unit === undefined) return undefined;
  const same = lot.dimensionalQuantities?.find((d) => d.unitOfMeasure?.toLowerCase() === unit.toLowerCase());
  const q = same?.producedQuantity;
  // Kept to 6 decimals like every quantity (sources/fields.ts); a negative or non-number one is not known.
  return typeof q === 'number' && Number.isFinite(q) && q >= 0 ? Math.round(q * 1e6) / 1e6 : undefined;
}

export function processOrderCompletedEvents(e: ProcessOrderCompleted, s: ProficySettings, date: string): ProductionEvent[] {
  const info = e.processOrderRouteInfo;
  const base = { productionOrder: productionOrderOf(e.processOrderName, s), date, occurredAt: info.actualEndTime ?? undefined };
  const kinds = s.events['process-order-completed'];
  const events: ProductionEvent[] = [];
  if (kinds.includes('quantity-finished')) {
    const lots = e.materialLots?.map((l) => defined({ batch: l.lotIdentifier, quantity: lotQuantity(l, info.engineeringUnit) }));
    events.push(
      defined({
        kind: 'quantity-finished',
        ...base,
        goodQuantity: info.actualGoodQuantity,
        scrapQuantity: info.actualBadQuantity,
        item: info.product,
        unit: info.engineeringUnit,
        lots: lots?.length ? lots : undefined,
      }),
    );
  }
  if (kinds.includes('order-ended')) events.push(defined({ kind: 'order-ended', ...base }));
  return events;
}
