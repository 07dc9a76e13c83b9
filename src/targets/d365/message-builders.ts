// Canonical event -> D365 MES integration message, one message type per event. Field names
// are D365's (d365-mes-messages.json); what the event doesn't know is left out, so D365
// applies its own defaults (journal names, units, dimensions of the production order).
import { defined, type EventOfKind, type ProductionEvent, type ProductionKind } from '../../core/canonical-events.js';
import { unprocessable } from '../../core/domain-errors.js';
import type { D365MessageType } from './message-spec.js';
import type { MessageOptions } from './message-options.js';


const messageTypeOf: Record<ProductionKind, D365MessageType> = {
  'order-started': 'ProdProductionOrderStart',
  'material-consumed': 'ProdProductionOrderPickingList',
  'operation-reported': 'ProdProductionOrderRouteCard',
  'quantity-finished': 'ProdProductionOrderReportFinished',
  'order-ended': 'ProdProductionOrderEnd',
};

type Builders = { [K in ProductionKind]: (e: EventOfKind<K>, o: MessageOptions) => Record<string, unknown> };

const builders: Builders = {
  // Every date is the plant day the event happened on (core/event-time.ts), the time its instant.
  'order-started': (e, o) => ({ ProductionOrderNumber: e.productionOrder, StartedQuantity: e.quantity, StartedDate: e.date, AutomaticBOMConsumptionRule: o.bomConsumption }),

  'order-ended': (e) => defined({ ProductionOrderNumber: e.productionOrder, EndedDate: e.date, ExecutedDateTime: e.occurredAt }),

  // The unit is the MES's name for it; D365 books in the BOM line's own unit, so it is not sent.
  'material-consumed': (e, o) =>
    defined({
      ProductionOrderNumber: e.productionOrder,
      JournalNameId: o.journalNames.pickingList,
      PickingListLines: [defined({ ItemNumber: e.item, ConsumptionBOMQuantity: e.quantity, OperationNumber: e.operationNumber, ConsumptionDate: e.date })],
    }),

  'operation-reported': (e, o) => {
    if (e.operationNumber === undefined) {
      throw unprocessable(`D365's route card needs the operation's number, and this report of ${e.operationName ?? 'an operation'} has none. Nothing was posted.`);
    }
    return defined({
      ProductionOrderNumber: e.productionOrder,
      JournalNameId: o.journalNames.routeCard,
      RouteCardLines: [
        defined({
          OperationNumber: e.operationNumber,
          OperationId: e.operationId,
          OperationsResourceId: e.resource,
          Worker: e.worker,
          Hours: e.hours,
          GoodQuantity: e.goodQuantity,
          ErrorQuantity: e.scrapQuantity,
          ConsumptionDate: e.date,
          BOMConsumption: o.routeCardBomConsumption,
        }),
      ],
    });
  },

  'quantity-finished': (e, o) => ({
    ProductionOrderNumber: e.productionOrder,
    ReportFinishedLines: [
      defined({
        ReportedGoodQuantity: e.goodQuantity,
        ReportedErrorQuantity: e.scrapQuantity,
        ProductSerialNumber: e.serial,
        // One batch number per line: a single produced lot is it; several lots stay in the MES.
        ItemBatchNumber: e.lot ?? (e.lots?.length === 1 ? e.lots[0] : undefined),
        ReportAsFinishedDate: e.date,
        ExecutedDateTime: e.occurredAt,
        JournalNameId: o.journalNames.reportFinished,
        AutomaticBOMConsumptionRule: o.bomConsumption,
        AutomaticRouteConsumptionRule: o.routeConsumption,
      }),
    ],
  }),
};

export function buildD365Message(e: ProductionEvent, o: MessageOptions) {
  const build = builders[e.kind] as (e: ProductionEvent, o: MessageOptions) => Record<string, unknown>;
  return { messageType: messageTypeOf[e.kind], content: build(e, o) };
}
