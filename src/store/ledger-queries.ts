// The read-only views of the ledger the admin API, the console and /metrics use: filtered,
// newest first, paged by keyset (a cursor, not an offset) so a page stays fast at a million
// rows. An interface, so another database can provide the same views.
import type { ActivityQueries } from './activity-queries.js';
import type { DeliveryRow, PostingRow } from './ledger-rows.js';

export interface EventFilter {
  source?: string;
  outcome?: string;
  integration?: string;
  productionOrder?: string;
  serial?: string;
  /** Only events with a posting in this state (and to this target, when given). */
  state?: string;
  /** Only events with a posting to this target. */
  target?: string;
  /** Exact match on any of: externalId, production order, serial, sku, work order number, event id. */
  q?: string;
  /** unmatched: only ERP verdicts that matched no posting (filed under UNMATCHED_VERDICT_SUBJECT). */
  verdict?: 'unmatched';
  from?: number;
  to?: number;
  limit: number;
  /** Cursor from the previous page: "<receivedAt>_<id>". */
  before?: string;
}

export interface PostingFilter {
  state?: string;
  target?: string;
  productionOrder?: string;
  source?: string;
  integration?: string;
  from?: number;
  to?: number;
  limit: number;
  /** Cursor from the previous page: a posting id. */
  before?: number;
}

/** What a bulk action or a failure report reads of a posting: its lane, state and last error. */
export interface PostingBrief {
  id: number;
  target: string;
  productionOrder: string;
  state: string;
  lastError: string | null;
  updatedAt: number;
}

export interface Summary {
  /** Postings by state (waiting ones all; finished ones since `since`, when given). */
  postings: Record<string, number>;
  /** The same, per target. */
  postingsByTarget: Record<string, Record<string, number>>;
  deliveries: Record<string, number>;
  oldestWaitingSince: number | null;
}

/** What /metrics reads: counters kept in the ledger and a few cheap gauges. */
export interface MetricsSnapshot {
  counters: { name: string; labels: string; value: number }[];
  /** Waiting postings by target and state (queued, sending, failed, held). */
  waiting: { target: string; state: string; n: number }[];
  oldestWaiting: { target: string; createdAt: number }[];
  heldLanes: { target: string; n: number }[];
  lastDelivery: { source: string; integration: string; at: number }[];
}

export interface LedgerQueries extends ActivityQueries {
  events(f: EventFilter): Promise<{ items: DeliveryRow[]; next?: string }>;
  /** Everything for one production order, oldest first: its events and its postings. */
  orderTimeline(order: string, limit?: number): Promise<{ events: DeliveryRow[]; postings: PostingRow[] }>;
  postings(f: PostingFilter): Promise<{ items: PostingRow[]; next?: number }>;
  /** Postings matching `f` (states: any of these), oldest first, after posting id `after`. */
  oldestPostings(f: Omit<PostingFilter, 'state' | 'before'> & { states: string[]; after?: number }): Promise<PostingBrief[]>;
  postingsOfDeliveries(ids: string[]): Promise<PostingRow[]>;
  /** Deliveries that are duplicates of, or refer to (update/remove), this one. */
  related(deliveryId: string): Promise<DeliveryRow[]>;
  summary(since?: number): Promise<Summary>;
  /** `integrations`: the (source, integration) pairs to report the last delivery of. */
  metrics(integrations: { source: string; integration: string }[]): Promise<MetricsSnapshot>;
  /** When the longest-due queued posting became due (null: nothing due). */
  oldestDueAt(now: number): Promise<number | null>;
  /** A trivial read: the database answers. */
  ping(): Promise<void>;
}
