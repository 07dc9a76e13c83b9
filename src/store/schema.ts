// The ledger's tables. One schema for both runtimes: drizzle-kit turns it into the SQL
// migrations in drizzle/, which better-sqlite3 (Node) and D1 (Workers) both apply.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type * as rows from './ledger-rows.js';
import type { TargetHealthRow } from './health-store.js';

/**
 * Every HTTP delivery a source made, whatever became of it: accepted events, test deliveries,
 * duplicates and rejections. Times are epoch milliseconds.
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    receivedAt: integer('received_at').notNull(),
    /** The MES it came from: nextplus | proficy. */
    source: text('source').notNull().default('nextplus'),
    /** The endpoint it came in on, e.g. item-attach or operation-completed. */
    integration: text('integration').notNull(),
    /** Next Plus's add | update | remove; null for sources without such a verb, or unreadable bodies. */
    eventType: text('event_type'),
    /** accepted | test | duplicate | rejected */
    outcome: text('outcome').notNull(),
    /** The HTTP status Next Plus was answered with. */
    status: integer('status').notNull(),
    /** The externalId answered (for a duplicate: the original's). */
    externalId: text('external_id'),
    /** The operator message of a rejection, or a note on an accepted event. */
    message: text('message'),
    rawBody: text('raw_body'),
    /** The validated event as JSON (extra fields Next Plus sent are kept). */
    event: text('event'),
    requestId: text('request_id'),
    /** The dedupe key this delivery was checked against (header key or body fingerprint). */
    dedupeKey: text('dedupe_key'),
    /** For a duplicate: the delivery it repeats. */
    duplicateOf: text('duplicate_of'),
    /** For a remove or update: the event it refers to. */
    refersTo: text('refers_to'),
    /** What later events find this one by (Next Plus: the externalId of an add). */
    subject: text('subject'),
    productionOrder: text('production_order'),
    workorderNumber: text('workorder_number'),
    serial: text('serial'),
    sku: text('sku'),
  },
  (t) => [
    index('deliveries_received_at').on(t.receivedAt),
    index('deliveries_external_id').on(t.externalId),
    index('deliveries_production_order').on(t.productionOrder, t.receivedAt),
    index('deliveries_refers_to').on(t.refersTo),
    index('deliveries_duplicate_of').on(t.duplicateOf),
    // The console's search and filters look up serials and SKUs by value.
    index('deliveries_serial').on(t.serial, t.receivedAt),
    index('deliveries_sku').on(t.sku),
    // Counts by outcome for the overview, and the outcome filter, without reading whole rows.
    index('deliveries_outcome').on(t.outcome, t.receivedAt),
    index('deliveries_subject').on(t.source, t.subject, t.receivedAt),
    // The source filter, and "time since the last delivery" per integration (metrics).
    index('deliveries_source_integration').on(t.source, t.integration, t.receivedAt),
    // Retention: accepted events whose raw body is still kept, oldest first; a purged one
    // leaves the index, so each purge batch reads only what is left to do.
    index('deliveries_raw_kept').on(t.receivedAt).where(sql`raw_body IS NOT NULL AND outcome = 'accepted'`),
  ],
);

/**
 * The postings an event produced, one per target message: the outbox. Written in the same
 * transaction as the delivery that produced them; the integer id is the arrival order the
 * dispatcher keeps per target and ordering key (the production order).
 */
export const postings = sqliteTable(
  'postings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: text('delivery_id').notNull(),
    /** Where it goes: journal | d365 | webhook. */
    target: text('target').notNull().default('d365'),
    /** Postings with the same target and key go strictly in id order: the production order. */
    orderingKey: text('ordering_key').notNull().default(''),
    productionOrder: text('production_order').notNull(),
    messageType: text('message_type').notNull(),
    /** The message content exactly as it is (or was) sent, as JSON. */
    content: text('content').notNull(),
    /** queued | sending | delivered | failed | held | cancelled */
    state: text('state').notNull(),
    /** While sending: the dispatcher (lease owner) that claimed it. */
    claimedBy: text('claimed_by'),
    /** For a reversal: the posting it reverses. */
    reversesPostingId: integer('reverses_posting_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When delivery was first tried: the retry horizon counts from here, not from arrival. */
    firstAttemptAt: integer('first_attempt_at'),
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    /** When the "order held too long" alert went out for this failed posting (once per failure). */
    heldAlertedAt: integer('held_alerted_at'),
    /**
     * The ERP's own verdict on a delivered posting, read back later (D365's message processor):
     * failed | processed, with its text. Never moves the posting back into the outbox.
     */
    erpVerdict: text('erp_verdict'),
    erpVerdictMessage: text('erp_verdict_message'),
    /** When the "failed in the ERP" alert went out (cleared by a newer verdict). */
    erpVerdictAlertedAt: integer('erp_verdict_alerted_at'),
  },
  (t) => [
    index('postings_state_key').on(t.state, t.target, t.orderingKey, t.id),
    index('postings_target_key').on(t.target, t.orderingKey, t.id),
    index('postings_delivery').on(t.deliveryId),
    index('postings_production_order').on(t.productionOrder, t.id),
    // The overview counts recent postings by state, and finds the oldest waiting one.
    index('postings_state_created').on(t.state, t.createdAt),
    // The failed-in-the-ERP alerts still to send: few rows, found without a scan.
    index('postings_erp_verdict_unalerted').on(t.id).where(sql`erp_verdict = 'failed' AND erp_verdict_alerted_at IS NULL`),
  ],
);

/**
 * Claimed idempotency keys. The primary key is what makes concurrent identical deliveries
 * produce one event: the second insert fails and its whole write is rolled back.
 * expires_at null = kept for good (header keys, reversal claims).
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    expiresAt: integer('expires_at'),
    /**
     * For a sender's key: the fingerprint of the normalised body it came with, so the same key
     * with another body is told apart from a resend. Null on keys claimed before it was kept.
     */
    bodyFingerprint: text('body_fingerprint'),
  },
  (t) => [index('idempotency_keys_delivery').on(t.deliveryId), index('idempotency_keys_expires').on(t.expiresAt)],
);

/** Every try to deliver a posting: what was sent when, and what the ERP said. */
export const postingAttempts = sqliteTable(
  'posting_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    postingId: integer('posting_id').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
    /** delivered | transient | permanent */
    outcome: text('outcome').notNull(),
    httpStatus: integer('http_status'),
    response: text('response'),
    error: text('error'),
  },
  (t) => [index('posting_attempts_posting').on(t.postingId, t.id), index('posting_attempts_finished').on(t.finishedAt)],
);

/** What operators did (retry, cancel, re-queue, edit), with who and when. */
export const operatorActions = sqliteTable(
  'operator_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    postingId: integer('posting_id'),
    deliveryId: text('delivery_id'),
    /** JSON: e.g. the content before and after an edit. */
    detail: text('detail'),
  },
  (t) => [index('operator_actions_posting').on(t.postingId), index('operator_actions_delivery').on(t.deliveryId)],
);

/** Values the bridge generates once and keeps (the ingest token when none is configured). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Who is dispatching: one row per live dispatcher (a Node process, a Worker run), renewed
 * while it works. A 'sending' posting whose claimer has no live lease was cut off and goes back
 * to the queue; one whose claimer lives is left alone. A Node process also refuses to start
 * while another live Node process holds the same ledger.
 */
export const leases = sqliteTable('leases', {
  owner: text('owner').primaryKey(),
  /** node | worker */
  kind: text('kind').notNull(),
  host: text('host').notNull(),
  pid: integer('pid'),
  startedAt: integer('started_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * Monotonic counters for /metrics (deliveries by outcome, attempts by result, send latency
 * buckets), kept in the ledger and bumped in the same write as what they count: they survive
 * restarts, are the same on Node and Workers, and cost one small row write instead of a count
 * over millions of rows at every scrape.
 */
export const metricCounters = sqliteTable(
  'metric_counters',
  {
    name: text('name').notNull(),
    /** Label pairs in a fixed order: source=nextplus,integration=device,outcome=accepted */
    labels: text('labels').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.labels] })],
);

/**
 * Each target's health, one row per target: upserted in the same write as every attempt, so
 * processes sharing a ledger and overlapping Worker runs keep one story, and /readyz, /metrics
 * and the console read a row per target instead of scanning attempts. The two marks record
 * that a failure was announced (the warning line, the alert), so each goes out once.
 */
export const targetHealth = sqliteTable('target_health', {
  target: text('target').primaryKey(),
  lastAttemptAt: integer('last_attempt_at').notNull(),
  lastSuccessAt: integer('last_success_at'),
  /** The first retryable failure since the last success; null: healthy. */
  failingSince: integer('failing_since'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  lastError: text('last_error'),
  failureLoggedAt: integer('failure_logged_at'),
  failureAlertedAt: integer('failure_alerted_at'),
});

// The rows the stores hand out are ledger-rows.ts's own types, not drizzle's: another
// database (a PostgreSQL ledger is planned) implements the same interfaces. These lines fail
// to compile if the SQLite tables and those types drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>() => undefined as unknown as T;
sameShape<Same<typeof deliveries.$inferSelect, rows.DeliveryRow>>();
// ordering_key repeats production_order: the lane index's column, not a field of its own.
sameShape<Same<Omit<typeof postings.$inferSelect, 'orderingKey'>, rows.PostingRow>>();
sameShape<Same<typeof postingAttempts.$inferSelect, rows.PostingAttemptRow>>();
sameShape<Same<typeof operatorActions.$inferSelect, rows.OperatorActionRow>>();
sameShape<Same<typeof targetHealth.$inferSelect, TargetHealthRow>>();

/**
 * The route of each production order the bridge read (ERP -> MES order sync), in route order, as
 * JSON [{operationNumber, operationId?, resource?}]: written with the read's follow-up postings,
 * read when the MES reports on the order (which operation is the Nth, which is last).
 */
export const orderRoutes = sqliteTable('order_routes', {
  productionOrder: text('production_order').primaryKey(),
  route: text('route').notNull(),
  readAt: integer('read_at').notNull(),
});

/**
 * The MES order each MES target made for a production order (Next Plus work order, VIF MO):
 * written when the posting that made it is delivered; found again by the MES's number, so an MES
 * event that only names its own order maps back to the ERP's.
 */
export const mesOrders = sqliteTable(
  'mes_orders',
  {
    target: text('target').notNull(),
    productionOrder: text('production_order').notNull(),
    mesId: text('mes_id'),
    mesNumber: text('mes_number').notNull(),
    postingId: integer('posting_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.target, t.productionOrder] }), index('mes_orders_number').on(t.target, t.mesNumber)],
);

/**
 * The VIF MOs the bridge made and polls for progress (VIF has no webhooks): what was last seen of
 * each, so a change is reported once, also across restarts. Filled from delivered UpsertMo
 * postings; a FINISHED MO is polled no more.
 */
export const vifMos = sqliteTable('vif_mos', {
  moNb: text('mo_nb').primaryKey(),
  productionOrder: text('production_order').notNull(),
  /** AWAITING | IN_PROGRESS | SUSPENDED | FINISHED, as VIF last showed it. */
  state: text('state').notNull(),
  /** VIF's quantityDone last reported back (never reported twice). */
  quantityDone: real('quantity_done').notNull().default(0),
  /** A larger quantityDone being reported: set before its delivery is ingested, cleared after. */
  pendingDone: real('pending_done'),
  polledAt: integer('polled_at').notNull().default(0),
});
