// The D365 business-event samples (test/fixtures/d365, see SOURCES.md), imported so both test
// runs get them without file access, and a way to make another event of the same shape.
import released from '../fixtures/d365/production-order-released.json';
import statusChanged from '../fixtures/d365/production-order-status-changed.json';
import statusEnded from '../fixtures/d365/production-order-status-changed-ended.json';
import { post, type Harness } from './harness.js';

export const businessEvents = { released, statusChanged, statusEnded } as const;

/** A sample with a new EventId (another event), and changes. */
export function businessEvent(name: keyof typeof businessEvents, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(businessEvents[name]), EventId: crypto.randomUUID().toUpperCase(), ...changes };
}

export const sendBusinessEvents = (h: Harness, body: unknown, query?: string) => post(h, '/d365/business-events', body, { query });

export const ORDER_SYNC_ENV = { ORDER_SYNC: 'nextplus', D365_COMPANY: 'usmf' };
