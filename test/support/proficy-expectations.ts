// What the documented Proficy samples mean (the default translation, proficy-settings.ts and
// to-canonical.ts): their canonical events and D365 messages, dated the day each happened (the
// samples are from 2020 and 2021: a replay is booked then, not on the day it arrives), and the
// small helpers the Proficy case files share.
import type { CanonicalEvent } from '../../src/core/canonical-events.js';
import { post, type Harness } from './harness.js';
import { newKafkaId, proficySample, type ProficyEvent } from './proficy-fixtures.js';

export { TEST_DAY as DAY } from './harness.js';

/** The plant days (UTC in the tests) the samples happened on. */
const COMPLETED = '2021-02-03';
const CLOCKED_OFF = '2021-04-12';
const ORDER_COMPLETED = '2020-12-09';
export const ID = /^PRF-[0-9A-HJ-NP-Z]{12}$/;
export const OPERATION_NUMBERS = JSON.stringify({ 'SIT Op1': 10, FrameAssembly: 20 });

export const sendProficy = (h: Harness, event: ProficyEvent, body: unknown, init?: { query?: string; headers?: Record<string, string> }) => post(h, `/proficy/${event}`, body, init);
export const idOf = async (res: Response) => ((await res.json()) as { id: string }).id;

/** What the documented samples mean, per the default translation. */
export const canonical = () => {
  const completedAt = { date: COMPLETED, occurredAt: '2021-02-03T12:31:52Z', unit: 'EA' };
  return {
    'operation-completed': [
      {
        kind: 'operation-reported',
        productionOrder: 'WO-Bike',
        ...completedAt,
        operationNumber: 10,
        operationName: 'SIT Op1',
        resource: 'FrameMountingStation',
        goodQuantity: 200,
        // no hours: the clock-off books them (PROFICY_HOURS_FROM=clock, the default)
        worker: 'mesadmin',
        lot: 'Lot1',
        startedAt: '2021-02-03T12:29:28Z',
        endedAt: '2021-02-03T12:31:52Z',
        operationCompleted: true,
      },
      { kind: 'material-consumed', productionOrder: 'WO-Bike', ...completedAt, item: 'RawMaterial001', quantity: 4, lot: 'Lot1', operationNumber: 10 },
      { kind: 'material-consumed', productionOrder: 'WO-Bike', ...completedAt, item: 'RawMaterial002', quantity: 444, lot: 'Lot2', operationNumber: 10 },
    ],
    'operation-clocked-off': [
      {
        kind: 'operation-reported',
        productionOrder: 'WOID6-ROUTE-JSON-SNOWBIKES',
        date: CLOCKED_OFF,
        occurredAt: '2021-04-12T08:58:47Z',
        operationNumber: 20,
        operationName: 'FrameAssembly',
        resource: 'FrameMountingStation',
        hours: 0.9764, // 08:00:12 to 08:58:47, to the 1/10,000 h
        worker: 'jsmith',
        startedAt: '2021-04-12T08:00:12Z',
        endedAt: '2021-04-12T08:58:47Z',
      },
    ],
    'process-order-completed': [
      {
        kind: 'quantity-finished',
        productionOrder: 'POIDXML-100-2020-C',
        date: ORDER_COMPLETED,
        occurredAt: '2020-12-09T09:30:17.017Z',
        goodQuantity: 220,
        scrapQuantity: 0,
        item: 'PulpyJuice',
        unit: 'ml',
        // Measured in litres, kg and counts but not in the order's unit (ml): quantities unknown.
        lots: [{ batch: 'Production_event1' }, { batch: 'Production_event2' }],
      },
      { kind: 'order-ended', productionOrder: 'POIDXML-100-2020-C', date: ORDER_COMPLETED, occurredAt: '2020-12-09T09:30:17.017Z' },
    ],
  } satisfies Partial<Record<ProficyEvent, CanonicalEvent[]>>;
};

/** The same, as the D365 messages the journal records. */
export const d365Messages = () => ({
  'operation-completed': [
    {
      messageType: 'ProdProductionOrderRouteCard',
      content: {
        ProductionOrderNumber: 'WO-Bike',
        RouteCardLines: [{ OperationNumber: 10, OperationsResourceId: 'FrameMountingStation', GoodQuantity: 200, ConsumptionDate: COMPLETED, OperationCompleted: 'Yes', BOMConsumption: 'No' }],
      },
    },
    {
      messageType: 'ProdProductionOrderPickingList',
      content: { ProductionOrderNumber: 'WO-Bike', PickingListLines: [{ ItemNumber: 'RawMaterial001', ConsumptionBOMQuantity: 4, OperationNumber: 10, ConsumptionDate: COMPLETED }] },
    },
    {
      messageType: 'ProdProductionOrderPickingList',
      content: { ProductionOrderNumber: 'WO-Bike', PickingListLines: [{ ItemNumber: 'RawMaterial002', ConsumptionBOMQuantity: 444, OperationNumber: 10, ConsumptionDate: COMPLETED }] },
    },
  ],
  'operation-clocked-off': [
    {
      messageType: 'ProdProductionOrderRouteCard',
      content: {
        ProductionOrderNumber: 'WOID6-ROUTE-JSON-SNOWBIKES',
        RouteCardLines: [{ OperationNumber: 20, OperationsResourceId: 'FrameMountingStation', Hours: 0.9764, ConsumptionDate: CLOCKED_OFF, BOMConsumption: 'No' }],
      },
    },
  ],
  'process-order-completed': [
    {
      messageType: 'ProdProductionOrderReportFinished',
      // Two produced lots whose quantities in ml are not known: one line for the total, no batch to send.
      content: { ProductionOrderNumber: 'POIDXML-100-2020-C', ReportFinishedLines: [{ ItemNumber: 'PulpyJuice', ReportedGoodQuantity: 220, ReportedErrorQuantity: 0, ReportAsFinishedDate: ORDER_COMPLETED, ExecutedDateTime: '2020-12-09T09:30:17.017Z', AutomaticBOMConsumptionRule: 'FlushingPrincip', AutomaticRouteConsumptionRule: 'RouteDependent' }] },
    },
    { messageType: 'ProdProductionOrderEnd', content: { ProductionOrderNumber: 'POIDXML-100-2020-C', EndedDate: ORDER_COMPLETED, ExecutedDateTime: '2020-12-09T09:30:17.017Z' } },
  ],
});

export const recordedOnly: ProficyEvent[] = [
  'operation-clocked-on',
  'operation-skipped',
  'route-released',
  'material-lot-status-changed',
  'process-order-created',
  'process-order-updated',
  'process-order-deleted',
  'operation-cancelled', // nothing completed here before: nothing to reverse
];

/** A completion of the operation the documented cancel sample cancels. */
export const completionOfCancelled = () => {
  const body = proficySample('operation-completed');
  body.workOrderName = 'ERPWOID6-CANCELLED-JSON-SNOWBIKES';
  body.lotIdentifier.name = 'SERNUM1';
  body.operationInfo.name = 'FrameAssembly';
  body.kafkaConsumerId = newKafkaId();
  return body;
};

