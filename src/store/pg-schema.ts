// The ledger's tables for PostgreSQL, for drizzle-kit only: it turns them into drizzle/pg/'s
// migrations. The stores query through schema.ts's tables on every database (drizzle renders
// them in PostgreSQL's dialect when the database is PostgreSQL), so these must match them
// column for column: test/unit/pg-schema.test.ts compares the two. Epoch-millisecond times,
// counters and posting ids are bigint (read back as numbers: pg-database.ts's type parsers).
import { sql } from 'drizzle-orm';
import { bigint, bigserial, doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const ms = (name: string) => bigint(name, { mode: 'number' });

export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    receivedAt: ms('received_at').notNull(),
    source: text('source').notNull().default('nextplus'),
    integration: text('integration').notNull(),
    eventType: text('event_type'),
    outcome: text('outcome').notNull(),
    status: integer('status').notNull(),
    externalId: text('external_id'),
    message: text('message'),
    rawBody: text('raw_body'),
    event: text('event'),
    requestId: text('request_id'),
    dedupeKey: text('dedupe_key'),
    duplicateOf: text('duplicate_of'),
    refersTo: text('refers_to'),
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
    index('deliveries_serial').on(t.serial, t.receivedAt),
    index('deliveries_sku').on(t.sku),
    index('deliveries_outcome').on(t.outcome, t.receivedAt),
    index('deliveries_subject').on(t.source, t.subject, t.receivedAt),
    index('deliveries_source_integration').on(t.source, t.integration, t.receivedAt),
    index('deliveries_raw_kept').on(t.receivedAt).where(sql`raw_body IS NOT NULL AND outcome = 'accepted'`),
  ],
);

export const postings = pgTable(
  'postings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    target: text('target').notNull().default('d365'),
    orderingKey: text('ordering_key').notNull().default(''),
    productionOrder: text('production_order').notNull(),
    messageType: text('message_type').notNull(),
    content: text('content').notNull(),
    state: text('state').notNull(),
    claimedBy: text('claimed_by'),
    reversesPostingId: bigint('reverses_posting_id', { mode: 'number' }),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    firstAttemptAt: ms('first_attempt_at'),
    nextAttemptAt: ms('next_attempt_at'),
    lastError: text('last_error'),
    deliveredAt: ms('delivered_at'),
    heldAlertedAt: ms('held_alerted_at'),
    erpVerdict: text('erp_verdict'),
    erpVerdictMessage: text('erp_verdict_message'),
    erpVerdictAlertedAt: ms('erp_verdict_alerted_at'),
  },
  (t) => [
    index('postings_state_key').on(t.state, t.target, t.orderingKey, t.id),
    index('postings_target_key').on(t.target, t.orderingKey, t.id),
    index('postings_delivery').on(t.deliveryId),
    index('postings_production_order').on(t.productionOrder, t.id),
    index('postings_state_created').on(t.state, t.createdAt),
    index('postings_erp_verdict_unalerted').on(t.id).where(sql`erp_verdict = 'failed' AND erp_verdict_alerted_at IS NULL`),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    expiresAt: ms('expires_at'),
    bodyFingerprint: text('body_fingerprint'),
  },
  (t) => [index('idempotency_keys_delivery').on(t.deliveryId), index('idempotency_keys_expires').on(t.expiresAt)],
);

export const postingAttempts = pgTable(
  'posting_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postingId: bigint('posting_id', { mode: 'number' }).notNull(),
    startedAt: ms('started_at').notNull(),
    finishedAt: ms('finished_at').notNull(),
    outcome: text('outcome').notNull(),
    httpStatus: integer('http_status'),
    response: text('response'),
    error: text('error'),
  },
  (t) => [index('posting_attempts_posting').on(t.postingId, t.id), index('posting_attempts_finished').on(t.finishedAt)],
);

export const operatorActions = pgTable(
  'operator_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ms('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    postingId: bigint('posting_id', { mode: 'number' }),
    deliveryId: text('delivery_id'),
    detail: text('detail'),
  },
  (t) => [index('operator_actions_posting').on(t.postingId), index('operator_actions_delivery').on(t.deliveryId)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const leases = pgTable('leases', {
  owner: text('owner').primaryKey(),
  kind: text('kind').notNull(),
  host: text('host').notNull(),
  pid: integer('pid'),
  startedAt: ms('started_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
});

export const metricCounters = pgTable(
  'metric_counters',
  {
    name: text('name').notNull(),
    labels: text('labels').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.labels] })],
);

export const targetHealth = pgTable('target_health', {
  target: text('target').primaryKey(),
  lastAttemptAt: ms('last_attempt_at').notNull(),
  lastSuccessAt: ms('last_success_at'),
  failingSince: ms('failing_since'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  lastError: text('last_error'),
  failureLoggedAt: ms('failure_logged_at'),
  failureAlertedAt: ms('failure_alerted_at'),
});

export const orderRoutes = pgTable('order_routes', {
  productionOrder: text('production_order').primaryKey(),
  route: text('route').notNull(),
  readAt: ms('read_at').notNull(),
});

export const mesOrders = pgTable(
  'mes_orders',
  {
    target: text('target').notNull(),
    productionOrder: text('production_order').notNull(),
    mesId: text('mes_id'),
    mesNumber: text('mes_number').notNull(),
    postingId: bigint('posting_id', { mode: 'number' }).notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.target, t.productionOrder] }), index('mes_orders_number').on(t.target, t.mesNumber)],
);

export const vifMos = pgTable('vif_mos', {
  moNb: text('mo_nb').primaryKey(),
  productionOrder: text('production_order').notNull(),
  state: text('state').notNull(),
  quantityDone: doublePrecision('quantity_done').notNull().default(0),
  pendingDone: doublePrecision('pending_done'),
  polledAt: ms('polled_at').notNull().default(0),
});
