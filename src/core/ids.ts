// Ids the bridge hands out. externalIds are read aloud on the shop floor and typed into
// search boxes, so they are short, upper-case and free of look-alike characters (no I, O).
import { customAlphabet, nanoid } from 'nanoid';

const readable = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 12);

export function newExternalId(prefix: string, test: boolean): string {
  return `${test ? 'TEST-' : ''}${prefix}-${readable()}`;
}

export function newDeliveryId(): string {
  return `dlv_${nanoid(16)}`;
}
