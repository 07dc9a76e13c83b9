// Next Plus event -> canonical production events, per the translation table. Pure: no I/O, no
// clock (the plant date comes in), so every row is a table test. Removes are not translated
// here: a reversal undoes what was actually posted, whatever the remove's body says.
import { defined, type ProductionEvent, type ProductionKind } from '../../core/canonical-events.js';
import { unprocessable } from '../../core/domain-errors.js';
import { routeStepAt, type KnownOrder, type RouteStep } from '../../core/known-order.js';
import type { NextPlusEvent } from './nextplus-event.js';
import type { EventKind, TranslationRules } from './translation-rules.js';

export function eventKind(e: NextPlusEvent): EventKind {
  return `${e.integration}.${e.event.type}` as EventKind;
}

/** The ERP production order an event belongs to, per the configured rule. */
export function productionOrderOf(e: NextPlusEvent, rules: TranslationRules): string | undefined {
  const { workorderExternalId, workorderNumber } = e.event;
  switch (rules.productionOrderNumber) {
    case 'workorderNumber':
      return workorderNumber;
    case 'workorderExternalId':
      return workorderExternalId;
    default:
      return workorderExternalId ?? workorderNumber;
  }
}

type Base = { productionOrder: string; date: string };
/** The route operation an operation event reports on, when the bridge knows the order's route. */
type Step = RouteStep | undefined;
type Builder = (e: NextPlusEvent, base: Base, rules: TranslationRules, step: Step) => ProductionEvent | undefined;

/** One builder per canonical event; undefined where a Next Plus event can't make it. */
const builders: Record<ProductionKind, Builder> = {
  'order-started': (e, base, rules) =>
    e.event.type === 'remove' ? undefined : defined({ kind: 'order-started', ...base, quantity: rules.startedQuantity, item: e.event.sku, serial: e.event.serial }),
  'order-ended': (e, base) => (e.event.type === 'remove' ? undefined : { kind: 'order-ended', ...base }),
  'material-consumed': (e, base) => {
    if (e.integration !== 'item-attach' || e.event.type !== 'add') return undefined;
    const { item } = e.event;
    return defined({ kind: 'material-consumed', ...base, item: item.sku, quantity: item.quantity, serial: item.serial });
  },
  'operation-reported': (e, base, _rules, step) => {
    if (e.integration !== 'operation' || e.event.type !== 'add') return undefined;
    const op = e.event;
    // A known route speaks D365's words (its operation number, id and resource); else Next Plus's.
    return defined({
      kind: 'operation-reported',
      ...base,
      operationNumber: step?.operationNumber ?? op.position,
      operationId: step ? step.operationId : op.actCode,
      resource: step ? step.resource : op.workCenterCode,
      goodQuantity: op.validQty,
      scrapQuantity: op.invalidQty,
      serial: op.serial,
    });
  },
  'quantity-finished': (e, base) => {
    if (e.integration === 'operation' && e.event.type === 'add') {
      return defined({ kind: 'quantity-finished', ...base, goodQuantity: e.event.validQty, scrapQuantity: e.event.invalidQty, serial: e.event.serial, item: e.event.sku });
    }
    if (e.integration === 'device' && e.event.type === 'add') {
      return defined({ kind: 'quantity-finished', ...base, goodQuantity: 1, serial: e.event.serial, item: e.event.sku });
    }
    return undefined;
  },
};

const anyAddOrUpdate: readonly EventKind[] = ['device.add', 'device.update', 'item-attach.add', 'operation.add'];

/** Which Next Plus events each canonical event can be made from (checked at start). */
const buildableFrom: Record<ProductionKind, readonly EventKind[]> = {
  'order-started': anyAddOrUpdate,
  'order-ended': anyAddOrUpdate,
  'material-consumed': ['item-attach.add'],
  'operation-reported': ['operation.add'],
  'quantity-finished': ['device.add', 'operation.add'],
};

/** The route operation an operation add reports on: its position as an operation number, else the Nth. */
function stepOf(e: NextPlusEvent, order: KnownOrder | undefined): Step {
  if (e.integration !== 'operation' || e.event.type !== 'add' || !order) return undefined;
  return routeStepAt(order.route, e.event.position);
}

/** A configured lastOperation wins; without one, the last operation of the order's known route. */
function isLastOperation(e: NextPlusEvent, rules: TranslationRules, order: KnownOrder | undefined, step: Step): boolean {
  if (e.integration !== 'operation' || e.event.type !== 'add') return false;
  const { positions, actCodes } = rules.lastOperation;
  if (positions.length || actCodes.length) return positions.includes(e.event.position) || (!!e.event.actCode && actCodes.includes(e.event.actCode));
  return !!step && step === order?.route.at(-1);
}

/**
 * The canonical events an add or update makes; throws (unprocessable) when it has no production
 * order. `order`: the order the bridge synced to Next Plus that the event's work order is.
 */
export function toCanonical(e: NextPlusEvent, rules: TranslationRules, date: string, order?: KnownOrder): ProductionEvent[] {
  const rule = rules.events[eventKind(e)];
  if (!Array.isArray(rule)) return [];
  const step = stepOf(e, order);
  const kinds = isLastOperation(e, rules, order, step) ? [...rule, ...rules.lastOperation.messages] : rule;
  if (kinds.length === 0) return [];
  const productionOrder = order?.productionOrder ?? productionOrderOf(e, rules);
  if (!productionOrder) {
    throw unprocessable(
      `Work order ${e.event.workorderNumber} has no ERP production order (workorderExternalId is empty), so it can't be posted. Create the work order from the ERP, or set productionOrderNumber to workorderNumber in the bridge's TRANSLATION setting. Nothing was posted.`,
    );
  }
  return kinds.map((kind) => {
    const event = builders[kind](e, { productionOrder, date }, rules, step);
    if (!event) throw new Error(`${kind} can't be made from a ${eventKind(e)} event`); // checked at start
    return event;
  });
}

/** Problems with a rule set that would only show when an event arrives; checked at start. */
export function checkTranslationRules(rules: TranslationRules): string[] {
  const problems: string[] = [];
  for (const [kind, rule] of Object.entries(rules.events) as [EventKind, unknown][]) {
    if (!Array.isArray(rule)) continue;
    for (const made of rule as ProductionKind[]) if (!buildableFrom[made].includes(kind)) problems.push(`${kind} can't produce ${made}`);
  }
  for (const made of rules.lastOperation.messages) {
    if (!buildableFrom[made].includes('operation.add')) problems.push(`lastOperation can't produce ${made}`);
  }
  return problems;
}
