import type { DeviceEvent } from '../integrations/device/device-event.js';
import type { ItemAttachEvent } from '../integrations/item-attach/item-attach-event.js';
import type { OperationEvent } from '../integrations/operation/operation-event.js';
import type { D365MessageType } from '../d365/message-spec.js';

export type Integration = 'device' | 'item-attach' | 'operation';

export type NextPlusEvent =
  | { integration: 'device'; event: DeviceEvent }
  | { integration: 'item-attach'; event: ItemAttachEvent }
  | { integration: 'operation'; event: OperationEvent };

/** One ERP message the bridge will post: what D365 calls a message, we call a posting. */
export interface PostingDraft {
  messageType: D365MessageType;
  productionOrder: string;
  content: Record<string, unknown>;
}
