// GE Proficy Plant Applications' ERP Export Service: JSON events on Kafka topics, forwarded
// over HTTP one route per event (e.g. by Kafka Connect's HTTP sink) to /proficy/<event>.
// Kafka delivers at least once and every message carries its own kafkaConsumerId, so an
// identical body is the same message redelivered: a duplicate for good, not for a window.
import type { z } from 'zod';
import type { DeliverySummary, Interpretation, SourceDefinition, IntegrationDefinition } from '../source.js';
import * as events from './proficy-events.js';
import { proficySettings, type ProficySettings } from './proficy-settings.js';
import { clockedOffEvents, legacyOperationSubject, operationCompletedEvents, operationSubject, processOrderCompletedEvents, productionOrderOf } from './to-canonical.js';

type Loose = Record<string, any>;

interface Spec {
  name: string;
  label: string;
  schema: z.ZodType;
  summarize(e: Loose, s: ProficySettings): DeliverySummary;
  interpret?(e: Loose, s: ProficySettings, date: string): Interpretation;
}

const operationSummary = (e: Loose, s: ProficySettings): DeliverySummary => ({
  productionOrder: productionOrderOf(e.workOrderName, s),
  workorderNumber: e.workOrderName,
  serial: e.lotIdentifier?.name,
  sku: e.operationInfo?.producedMaterial,
});
const clockSummary = (e: Loose, s: ProficySettings): DeliverySummary => ({ productionOrder: productionOrderOf(e.workOrderName, s), workorderNumber: e.workOrderName });
const processOrderSummary = (e: Loose, s: ProficySettings): DeliverySummary => ({
  productionOrder: productionOrderOf(e.processOrderName, s),
  workorderNumber: e.processOrderName,
  sku: e.processOrderRouteInfo?.product,
});

const specs: Spec[] = [
  {
    name: 'operation-completed',
    label: 'Operation Completed',
    schema: events.operationCompleted,
    summarize: operationSummary,
    interpret: (e, s, date) => ({
      kind: 'post',
      events: () => operationCompletedEvents(e as events.OperationCompleted, s, date),
      subject: operationSubject(e.workOrderName, e.operationInfo.name, e.lotIdentifier?.name),
    }),
  },
  {
    name: 'operation-cancelled',
    label: 'Operation Cancelled',
    schema: events.operationCancelled,
    summarize: operationSummary,
    // Undoes what the operation's completion posted; a cancel of an operation that never
    // completed here had nothing posted, and is recorded only.
    interpret: (e, s) => ({
      kind: 'reverse',
      reference: {
        subject: operationSubject(e.workOrderName, e.operationInfo.name, e.lotIdentifier?.name),
        legacySubject: legacyOperationSubject(e.workOrderName, e.operationInfo.name, e.lotIdentifier?.name),
        field: 'the completion of that operation',
        integration: 'operation-completed',
      },
      rule: s.events['operation-cancelled'],
      required: false,
    }),
  },
  { name: 'operation-clocked-on', label: 'Operation Clocked On', schema: events.operationClockedOn, summarize: clockSummary },
  {
    name: 'operation-clocked-off',
    label: 'Operation Clocked Off',
    schema: events.operationClockedOff,
    summarize: clockSummary,
    interpret: (e, s, date) => ({ kind: 'post', events: () => clockedOffEvents(e as events.OperationClockedOff, s, date) }),
  },
  { name: 'operation-skipped', label: 'Operation Skipped', schema: events.operationSkipped, summarize: operationSummary },
  {
    name: 'route-released',
    label: 'Route Released',
    schema: events.routeReleased,
    summarize: (e) => ({ workorderNumber: e.name, sku: e.producedMaterialName }),
  },
  {
    name: 'material-lot-status-changed',
    label: 'Material Lot Status Changed',
    schema: events.materialLotStatusChanged,
    summarize: (e) => ({ serial: e.materialLot[0]?.lotIdentifier, sku: e.materialLot[0]?.productName }),
  },
  { name: 'process-order-created', label: 'Process Order Created', schema: events.processOrderCreated, summarize: processOrderSummary },
  { name: 'process-order-updated', label: 'Process Order Updated', schema: events.processOrderUpdated, summarize: processOrderSummary },
  { name: 'process-order-deleted', label: 'Process Order Deleted', schema: events.processOrderDeleted, summarize: processOrderSummary },
  {
    name: 'process-order-completed',
    label: 'Process Order Completed',
    schema: events.processOrderCompleted,
    summarize: processOrderSummary,
    interpret: (e, s, date) => ({ kind: 'post', events: () => processOrderCompletedEvents(e as events.ProcessOrderCompleted, s, date) }),
  },
];

export const proficySource: SourceDefinition<{ proficy: ProficySettings; retentionMs: number | null }> = {
  name: 'proficy',
  label: 'GE Proficy',
  labelPrefix: 'Proficy',
  settings: (env, common) => ({ proficy: proficySettings(env), retentionMs: common.retentionMs }),
  create: ({ proficy: settings, retentionMs }) => ({
    integrations: specs.map(
      (spec): IntegrationDefinition<Loose> => ({
        name: spec.name,
        label: spec.label,
        idPrefix: 'PRF',
        schema: spec.schema as z.ZodType<Loose>,
        notAccepted: (problems) => `Proficy ${spec.label} event not accepted: ${problems}. Nothing was posted; correct it in Proficy (or the forwarder) and send it again.`,
        summarize: (e) => spec.summarize(e, settings),
        fingerprintWindowMs: retentionMs,
        interpret: (e, ctx) => (spec.interpret ? spec.interpret(e, settings, ctx.date) : { kind: 'post', events: () => [] }),
      }),
    ),
    answer: (id) => ({ id }),
    connectHint: "Point the ERP Export Service's HTTP forwarder (e.g. Kafka Connect's HTTP sink, one route per event) at these",
    testHint: 'Add ?test=1 to try one without posting.',
  }),
};
