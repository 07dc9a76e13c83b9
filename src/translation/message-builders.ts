// One builder per D365 message type: Next Plus event in, message content out. A builder
// returns undefined for an integration it can't serve (a picking list needs an item), which
// the configuration check turns into a start-up error rather than a surprise on the floor.
import type { D365MessageType } from '../d365/message-spec.js';
import type { NextPlusEvent } from './posting.js';
import type { EventKind, TranslationRules } from './translation-rules.js';

export interface BuildContext {
  productionOrder: string;
  /** The plant's date of the event, YYYY-MM-DD. */
  date: string;
  rules: TranslationRules;
}

type Builder = (e: NextPlusEvent, ctx: BuildContext) => Record<string, unknown> | undefined;

/** Leaves out undefined values: D365 should see only fields we mean to send. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export const messageBuilders: Record<D365MessageType, Builder> = {
  ProdProductionOrderStart: (_e, ctx) => ({
    ProductionOrderNumber: ctx.productionOrder,
    StartedQuantity: ctx.rules.startedQuantity,
  }),

  ProdProductionOrderEnd: (_e, ctx) => ({ ProductionOrderNumber: ctx.productionOrder, EndedDate: ctx.date }),

  ProdProductionOrderPickingList: (e, ctx) => {
    if (e.integration !== 'item-attach') return undefined;
    const { item } = e.event;
    return defined({
      ProductionOrderNumber: ctx.productionOrder,
      JournalNameId: ctx.rules.journalNames.pickingList,
      PickingListLines: [{ ItemNumber: item.sku, ConsumptionBOMQuantity: item.quantity, ConsumptionDate: ctx.date }],
    });
  },

  ProdProductionOrderRouteCard: (e, ctx) => {
    if (e.integration !== 'operation' || e.event.type !== 'add') return undefined;
    const op = e.event;
    return defined({
      ProductionOrderNumber: ctx.productionOrder,
      JournalNameId: ctx.rules.journalNames.routeCard,
      RouteCardLines: [
        defined({
          OperationNumber: op.position,
          OperationId: op.actCode,
          OperationsResourceId: op.workCenterCode,
          GoodQuantity: op.validQty,
          ErrorQuantity: op.invalidQty,
          ConsumptionDate: ctx.date,
        }),
      ],
    });
  },

  ProdProductionOrderReportFinished: (e, ctx) => {
    const line =
      e.integration === 'operation' && e.event.type === 'add'
        ? { ReportedGoodQuantity: e.event.validQty, ReportedErrorQuantity: e.event.invalidQty, ProductSerialNumber: e.event.serial }
        : e.integration === 'device' && e.event.type === 'add'
          ? { ReportedGoodQuantity: 1, ProductSerialNumber: e.event.serial }
          : undefined;
    if (!line) return undefined;
    return {
      ProductionOrderNumber: ctx.productionOrder,
      ReportFinishedLines: [
        defined({ ...line, ReportAsFinishedDate: ctx.date, JournalNameId: ctx.rules.journalNames.reportFinished }),
      ],
    };
  },
};

const anyAddOrUpdate: readonly EventKind[] = ['device.add', 'device.update', 'item-attach.add', 'operation.add'];

/** Which events each message type can be built from (used to check configuration). */
export const buildableFrom: Record<D365MessageType, readonly EventKind[]> = {
  ProdProductionOrderStart: anyAddOrUpdate,
  ProdProductionOrderEnd: anyAddOrUpdate,
  ProdProductionOrderPickingList: ['item-attach.add'],
  ProdProductionOrderRouteCard: ['operation.add'],
  ProdProductionOrderReportFinished: ['device.add', 'operation.add'],
};
