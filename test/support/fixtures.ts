// The Next Plus sample payloads, copied into test/fixtures/ from the project's source documents
// (imported, so both the Node and the workerd test runs get them without file access).
import deviceAdd from '../fixtures/nextplus/device-add.json';
import deviceRemove from '../fixtures/nextplus/device-remove.json';
import deviceUpdate from '../fixtures/nextplus/device-update.json';
import itemAttachAdd from '../fixtures/nextplus/item-attach-add.json';
import itemAttachRemove from '../fixtures/nextplus/item-attach-remove.json';
import operationAdd from '../fixtures/nextplus/operation-add.json';
import operationRemove from '../fixtures/nextplus/operation-remove.json';

export const fixtures = {
  'device-add': { path: '/nextplus/device', body: deviceAdd },
  'device-update': { path: '/nextplus/device', body: deviceUpdate },
  'device-remove': { path: '/nextplus/device', body: deviceRemove },
  'item-attach-add': { path: '/nextplus/item-attach', body: itemAttachAdd },
  'item-attach-remove': { path: '/nextplus/item-attach', body: itemAttachRemove },
  'operation-add': { path: '/nextplus/operation', body: operationAdd },
  'operation-remove': { path: '/nextplus/operation', body: operationRemove },
} as const;

export type FixtureName = keyof typeof fixtures;

let counter = 0;
/**
 * A fixture turned into a real (non-test) event: the documented sample ids replaced with fresh
 * ones, and optionally other fields changed. Unique per call so bodies never collide by accident.
 */
export function realEvent(name: FixtureName, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const n = ++counter;
  const id = (k: number) => `7f1c2d3e-0000-4000-8000-${String(n).padStart(8, '0')}000${k}`;
  return { ...structuredClone(fixtures[name].body), workorderId: id(0), stockId: id(1), sessionId: id(2), ...changes };
}
