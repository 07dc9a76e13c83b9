// What the bridge writes into each D365 message, field by field, as data: the field's D365 name,
// where its value comes from (in words), and how it is taken. message-builders.ts builds the
// messages from these tables and scripts/d365-fields-doc.ts writes docs/targets.md's
// "What the bridge sends D365, field by field" from them, so the two can't drift apart.
// What the event doesn't know is left out, so D365 applies its own defaults.
import type { EventOfKind, ProductionKind } from '../../core/canonical-events.js';
import { unprocessable } from '../../core/domain-errors.js';
import type { D365MessageType } from './message-spec.js';
import type { MessageOptions } from './message-options.js';
import { finishedLines, type FinishedLine } from './finished-lines.js';

/** One field: its D365 name, where it comes from (for people), and its value (undefined: left out). */
export interface FieldRule<S> {
  name: string;
  from: string;
  value: (s: S, o: MessageOptions) => unknown;
}

export interface MessageTable<E, L> {
  messageType: D365MessageType;
  /** When the message is sent, in words. */
  when: string;
  fields: FieldRule<E>[];
  lines: { name: string; from: string; of: (e: E, o: MessageOptions) => L[]; fields: FieldRule<L>[] } | undefined;
  /** A sentence refusing an event the message can't be built from. */
  refuse?: (e: E) => string | undefined;
}

const field = <S>(name: string, from: string, value: (s: S, o: MessageOptions) => unknown): FieldRule<S> => ({ name, from, value });
const oneLine = <E>(e: E) => [e];
const DATE = 'the plant day the event happened on (`PLANT_TIME_ZONE`)';
const INSTANT = 'when the event happened, as the MES said';

type Tables = { [K in ProductionKind]: MessageTable<EventOfKind<K>, K extends 'quantity-finished' ? FinishedLine : EventOfKind<K>> };

export const messageTables: Tables = {
  'order-started': {
    messageType: 'ProdProductionOrderStart',
    when: 'an order is started',
    fields: [
      field('ProductionOrderNumber', 'the production order', (e) => e.productionOrder),
      field('StartedQuantity', 'the quantity started', (e) => e.quantity),
      field('StartedDate', DATE, (e) => e.date),
      field('AutomaticBOMConsumptionRule', '`D365_AUTOMATIC_BOM_CONSUMPTION` (default `FlushingPrincip`)', (_, o) => o.bomConsumption),
    ],
    lines: undefined,
  },

  'material-consumed': {
    messageType: 'ProdProductionOrderPickingList',
    when: 'material is consumed',
    fields: [
      field('ProductionOrderNumber', 'the production order', (e) => e.productionOrder),
      field('JournalNameId', '`D365_JOURNAL_NAMES.pickingList`', (_, o) => o.journalNames.pickingList),
    ],
    lines: {
      name: 'PickingListLines',
      from: 'one line: the material consumed',
      of: oneLine,
      fields: [
        field('ItemNumber', 'the material (component) consumed', (e) => e.item),
        field('ConsumptionBOMQuantity', 'the quantity consumed', (e) => e.quantity),
        // The unit is the MES's name for it: sent only through the map (an unknown symbol D365 refuses).
        field('BOMUnitSymbol', "the MES unit through `D365_UNIT_MAP`; unmapped: left out (D365 books in the BOM line's unit)", (e, o) => (e.unit === undefined ? undefined : o.units.get(e.unit))),
        field('OperationNumber', 'the route operation it was consumed at', (e) => e.operationNumber),
        field('ConsumptionDate', DATE, (e) => e.date),
      ],
    },
  },

  'operation-reported': {
    messageType: 'ProdProductionOrderRouteCard',
    when: "an operation's quantities or hours are reported",
    refuse: (e) =>
      e.operationNumber === undefined
        ? `D365's route card needs the operation's number, and this report of ${e.operationName ?? 'an operation'} has none. Nothing was posted.`
        : undefined,
    fields: [
      field('ProductionOrderNumber', 'the production order', (e) => e.productionOrder),
      field('JournalNameId', '`D365_JOURNAL_NAMES.routeCard`', (_, o) => o.journalNames.routeCard),
    ],
    lines: {
      name: 'RouteCardLines',
      from: 'one line: the operation reported',
      of: oneLine,
      fields: [
        field('OperationNumber', "the route operation's number", (e) => e.operationNumber),
        field('OperationId', "D365's operation id, when the MES knows it", (e) => e.operationId),
        field('OperationsResourceId', 'the resource (machine, station) it ran on', (e) => e.resource),
        field('Worker', 'the MES user through `D365_WORKER_MAP`; unmapped: left out (never the MES login)', (e, o) => (e.worker === undefined ? undefined : o.workers.get(e.worker))),
        field('Hours', 'the labour hours, from the one event that books them', (e) => e.hours),
        field('GoodQuantity', 'the good quantity', (e) => e.goodQuantity),
        field('ErrorQuantity', 'the error (scrap) quantity', (e) => e.scrapQuantity),
        field('ErrorCause', '`D365_ERROR_CAUSE` (default `Material`), with an error quantity only', (e, o) => (e.scrapQuantity ? o.errorCause : undefined)),
        field('ConsumptionDate', DATE, (e) => e.date),
        field('OperationCompleted', '`Yes` when the MES says the operation is complete', (e) => (e.operationCompleted ? 'Yes' : undefined)),
        field('BOMConsumption', '`Yes` only with `D365_AUTOMATIC_BOM_CONSUMPTION=Always`, else `No`', (_, o) => o.routeCardBomConsumption),
      ],
    },
  },

  'quantity-finished': {
    messageType: 'ProdProductionOrderReportFinished',
    when: 'a quantity is reported as finished',
    fields: [field('ProductionOrderNumber', 'the production order', (e) => e.productionOrder)],
    lines: {
      name: 'ReportFinishedLines',
      from: 'one line per produced lot with its quantity (their quantities add up to the total); no lots, or lots whose quantities are not known: one line for the total',
      of: finishedLines,
      fields: [
        field('ItemNumber', "the order's item, when known (order sync or the MES)", (l) => l.event.item),
        field('ReportedGoodQuantity', "the lot's good quantity (no lots: the total)", (l) => l.good),
        field('ReportedErrorQuantity', 'the error (scrap) quantity, on the first line', (l) => l.scrap),
        field('ErrorCause', '`D365_ERROR_CAUSE` (default `Material`), with an error quantity only', (l, o) => (l.scrap ? o.errorCause : undefined)),
        field('ProductSerialNumber', 'the serial, when the MES reports one', (l) => l.event.serial),
        field('ItemBatchNumber', "the lot's batch number", (l) => l.batch),
        field('ReportAsFinishedDate', DATE, (l) => l.event.date),
        field('ExecutedDateTime', INSTANT, (l) => l.event.occurredAt),
        field('JournalNameId', '`D365_JOURNAL_NAMES.reportFinished`', (_, o) => o.journalNames.reportFinished),
        field('AutomaticBOMConsumptionRule', '`D365_AUTOMATIC_BOM_CONSUMPTION` (default `FlushingPrincip`)', (_, o) => o.bomConsumption),
        field('AutomaticRouteConsumptionRule', '`D365_AUTOMATIC_ROUTE_CONSUMPTION` (default `RouteDependent`)', (_, o) => o.routeConsumption),
      ],
    },
  },

  'order-ended': {
    messageType: 'ProdProductionOrderEnd',
    when: 'an order is ended',
    fields: [
      field('ProductionOrderNumber', 'the production order', (e) => e.productionOrder),
      field('EndedDate', DATE, (e) => e.date),
      field('ExecutedDateTime', INSTANT, (e) => e.occurredAt),
    ],
    lines: undefined,
  },
};

/** Raises the table's refusal, if the event can't make its message. */
export function refuseUnbuildable<E>(t: MessageTable<E, unknown>, e: E): void {
  const why = t.refuse?.(e);
  if (why) throw unprocessable(why);
}
