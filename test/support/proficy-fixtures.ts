// The GE Proficy sample payloads (test/fixtures/proficy, documented values: see SOURCES.md),
// imported so both the Node and the workerd test runs get them without file access.
import materialLotStatusChanged from '../fixtures/proficy/material-lot-status-changed.json';
import operationCancelled from '../fixtures/proficy/operation-cancelled.json';
import operationClockedOff from '../fixtures/proficy/operation-clocked-off.json';
import operationClockedOn from '../fixtures/proficy/operation-clocked-on.json';
import operationCompleted from '../fixtures/proficy/operation-completed.json';
import operationSkipped from '../fixtures/proficy/operation-skipped.json';
import processOrderCompleted from '../fixtures/proficy/process-order-completed.json';
import processOrderCreated from '../fixtures/proficy/process-order-created.json';
import processOrderDeleted from '../fixtures/proficy/process-order-deleted.json';
import processOrderUpdated from '../fixtures/proficy/process-order-updated.json';
import routeReleased from '../fixtures/proficy/route-released.json';

/** Each sample under the event name it is posted as: POST /proficy/<name>. */
export const proficySamples = {
  'operation-completed': operationCompleted,
  'operation-cancelled': operationCancelled,
  'operation-clocked-on': operationClockedOn,
  'operation-clocked-off': operationClockedOff,
  'operation-skipped': operationSkipped,
  'route-released': routeReleased,
  'material-lot-status-changed': materialLotStatusChanged,
  'process-order-created': processOrderCreated,
  'process-order-updated': processOrderUpdated,
  'process-order-deleted': processOrderDeleted,
  'process-order-completed': processOrderCompleted,
} as const;

export type ProficyEvent = keyof typeof proficySamples;

/** A copy of a sample, safe to change. */
export function proficySample(name: ProficyEvent): Record<string, any> {
  return structuredClone(proficySamples[name]) as Record<string, any>;
}

let counter = 0;
/** Another Kafka message: the sample with a kafkaConsumerId of its own (a real new event, not a redelivery). */
export function newKafkaId(): string {
  return `0000017767e0a822-${String(++counter).padStart(16, '0')}`;
}
