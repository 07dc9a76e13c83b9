// Ids the bridge hands out. externalIds are read aloud on the shop floor and typed into
// search boxes, so they are short, upper-case and free of look-alike characters (no I, O).
import { customAlphabet, nanoid } from 'nanoid';

const readable = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 12);

export function newExternalId(prefix: string, test: boolean): string {
  return `${test ? 'TEST-' : ''}${prefix}-${readable()}`;
}

/**
 * Time first (the receipt's milliseconds, fixed width), then randomness: ids of deliveries
 * received one after the other sort together, so the ledger's indexes on them (deliveries, their
 * postings and keys) grow at their end instead of touching a random page of a large index per
 * write — what kept the write's cost from growing with the ledger.
 */
export function newDeliveryId(receivedAt: number): string {
  return `dlv_${receivedAt.toString(36).padStart(9, '0')}${nanoid(12)}`;
}
