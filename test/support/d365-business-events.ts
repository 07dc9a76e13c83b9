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

/** Order sync on, with settings for systems these cases never reach (nothing is dispatched). */
export const ORDER_SYNC_ENV = {
  ORDER_SYNC: 'nextplus',
  D365_COMPANY: 'usmf',
  D365_URL: 'https://d365.invalid',
  D365_TENANT_ID: 't',
  D365_CLIENT_ID: 'c',
  D365_CLIENT_SECRET: 's',
  NEXTPLUS_URL: 'https://nextplus.invalid',
  NEXTPLUS_USERNAME: 'u',
  NEXTPLUS_PASSWORD: 'p',
};
