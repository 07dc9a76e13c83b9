// The ledger's tables. One schema for both runtimes: drizzle-kit turns it into the SQL
// migrations in drizzle/, which better-sqlite3 (Node) and D1 (Workers) both apply.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Every HTTP delivery Next Plus made, whatever became of it: accepted events, test-button
 * deliveries, duplicates and rejections. Times are epoch milliseconds.
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    receivedAt: integer('received_at').notNull(),
    integration: text('integration').notNull(),
    /** add | update | remove; null when the body could not be read far enough to tell. */
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
  ],
);

/**
 * The ERP postings an event produced: the outbox. Written in the same transaction as the
 * delivery that produced them; the integer id is the arrival order the dispatcher keeps
 * per production order.
 */
export const postings = sqliteTable(
  'postings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: text('delivery_id').notNull(),
    productionOrder: text('production_order').notNull(),
    messageType: text('message_type').notNull(),
    /** The message content exactly as it is (or was) sent, as JSON. */
    content: text('content').notNull(),
    /** queued | sending | delivered | failed | held | cancelled */
    state: text('state').notNull(),
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
  },
  (t) => [
    index('postings_state_order').on(t.state, t.productionOrder, t.id),
    index('postings_delivery').on(t.deliveryId),
    index('postings_production_order').on(t.productionOrder, t.id),
    // The overview counts recent postings by state, and finds the oldest waiting one.
    index('postings_state_created').on(t.state, t.createdAt),
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
  },
  (t) => [index('idempotency_keys_delivery').on(t.deliveryId)],
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
  (t) => [index('posting_attempts_posting').on(t.postingId, t.id)],
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

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;
export type PostingRow = typeof postings.$inferSelect;
export type PostingAttemptRow = typeof postingAttempts.$inferSelect;
export type OperatorActionRow = typeof operatorActions.$inferSelect;
