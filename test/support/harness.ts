// What a shared test case needs from a runtime: the app, a way into its database, a clock it
// controls. The Node suite builds it on a temp SQLite file; the workerd suite on D1.
import { desc, sql } from 'drizzle-orm';
import { isPostgres } from '../../src/store/dialect.js';
import { expect } from 'vitest';
import type { AnySqliteDb } from '../../src/store/drizzle-types.js';
import type { LedgerStore } from '../../src/store/ledger-store.js';
import type { OutboxStore } from '../../src/store/outbox-store.js';
import type { DeliveryRow, PostingRow } from '../../src/store/ledger-rows.js';
import { deliveries, postings } from '../../src/store/schema.js';

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** The day the test clock starts on (the plant's day of events received then, in UTC). */
export const TEST_DAY = '2026-03-04';

export function testClock(start = Date.parse(`${TEST_DAY}T10:00:00Z`)): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** How the bridge reaches the ERP (a fake's fetch); default: the runtime's fetch. */
  fetch?: typeof fetch;
}

export interface Harness {
  request(path: string, init?: RequestInit): Promise<Response>;
  token: string;
  clock: TestClock;
  db: AnySqliteDb;
  store: LedgerStore;
  outbox: OutboxStore;
  /** What the bridge logged (the test logger keeps its lines). */
  logs: { level: string; message: string; fields?: unknown }[];
  /** One dispatcher run over everything due, the way the runtime schedules it. */
  dispatch(): Promise<void>;
  close(): Promise<void>;
}

export type MakeHarness = (options?: HarnessOptions) => Promise<Harness>;

export const TEST_TOKEN = 'test-token-0123456789abcdef';
export const ADMIN_TEST_TOKEN = 'admin-token-0123456789abcdef';

/**
 * Newest first; of deliveries received in the same ms, the later written first. SQLite reads
 * them in rowid order; PostgreSQL has no rowid, and the writing transaction's id stands in.
 */
export async function allDeliveries(h: Harness): Promise<DeliveryRow[]> {
  const written = isPostgres(h.db) ? sql`xmin::text::bigint` : sql`rowid`;
  return h.db.select().from(deliveries).orderBy(desc(deliveries.receivedAt), desc(written));
}

export async function allPostings(h: Harness): Promise<PostingRow[]> {
  return h.db.select().from(postings).orderBy(postings.id);
}

/** POSTs a JSON body to an ingest path with the harness's token. */
export function post(h: Harness, path: string, body: unknown, init: { query?: string; headers?: Record<string, string> } = {}) {
  const query = `token=${encodeURIComponent(h.token)}${init.query ? `&${init.query}` : ''}`;
  return h.request(`${path}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/**
 * A refusal as the person at the other end sees it: the status, a JSON body that is only
 * {"message"}, the given phrases in it, and no zod internals or stack trace. Returns the message.
 */
export async function expectRefused(res: Response, status: number, ...phrases: (string | RegExp)[]): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['message']);
  const message = body.message as string;
  for (const p of phrases) expect(message).toMatch(p);
  expect(message).not.toMatch(/invalid_type|ZodError|\bat \w+ \(|\[\{/);
  return message;
}

/** The externalId of a successful ingest answer. */
export const idOf = async (res: Response) => ((await res.json()) as { externalId: string }).externalId;
