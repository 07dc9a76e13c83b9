// A validated Next Plus delivery: which integration it came in on, and its body.
import type { DeviceEvent } from './device-event.js';
import type { ItemAttachEvent } from './item-attach-event.js';
import type { OperationEvent } from './operation-event.js';

export type Integration = 'device' | 'item-attach' | 'operation';

export type NextPlusEvent =
  | { integration: 'device'; event: DeviceEvent }
  | { integration: 'item-attach'; event: ItemAttachEvent }
  | { integration: 'operation'; event: OperationEvent };
