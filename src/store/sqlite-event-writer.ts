// The Node ledger's hot path: a delivery's commit (drizzle-store.ts's commitStatements, same
// rows) as better-sqlite3 statements prepared once, run synchronously inside the group commit's
// transaction. Building each query anew through drizzle cost more than running it. The rare
// paths (who holds a key) stay drizzle queries. The counters a write bumps are handed back, so
// the group writes each counter once, and only for the writes that committed.
import type Database from 'better-sqlite3';
import type { CommitResult, EventCommit, KeyHolder, NewDelivery } from './ledger-store.js';
import { keyHolderQuery } from './drizzle-store.js';
import type { AnySqliteDb } from './drizzle-types.js';
import { deliveredOnWriteCounts, deliveryCount, type CounterBump } from './metric-counters.js';
import { verdictCount } from './drizzle-erp-verdicts.js';

const DELIVERY_COLUMNS = {
  id: 'id', receivedAt: 'received_at', source: 'source', integration: 'integration', eventType: 'event_type', outcome: 'outcome',
  status: 'status', externalId: 'external_id', message: 'message', rawBody: 'raw_body', event: 'event', requestId: 'request_id',
  dedupeKey: 'dedupe_key', duplicateOf: 'duplicate_of', refersTo: 'refers_to', subject: 'subject', productionOrder: 'production_order',
  workorderNumber: 'workorder_number', serial: 'serial', sku: 'sku',
} as const;
const fields = Object.keys(DELIVERY_COLUMNS) as (keyof typeof DELIVERY_COLUMNS)[];

export type Written<T> = { value: T; counts: CounterBump[] };

export function sqliteEventWriter(client: Database.Database, db: AnySqliteDb) {
  const insertDelivery = client.prepare(
    `INSERT INTO deliveries (${Object.values(DELIVERY_COLUMNS).join(', ')}) VALUES (${fields.map((f) => `@${f}`).join(', ')})`,
  );
  const releaseFingerprints = client.prepare(`DELETE FROM idempotency_keys WHERE delivery_id = ? AND key LIKE 'fp:%'`);
  // Expired claims make way; a live one keeps the insert from claiming (no row changed).
  const dropExpired = client.prepare('DELETE FROM idempotency_keys WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?');
  const claim = client.prepare('INSERT INTO idempotency_keys (key, delivery_id, expires_at, body_fingerprint) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const cancelUnsent = client.prepare(
    `UPDATE postings SET state = 'cancelled', updated_at = ?, last_error = ? WHERE id = ? AND state IN ('queued', 'held') AND attempts = 0`,
  );
  // A reversal's state is decided inside the write: the dispatcher may have taken the original meanwhile.
  const insertPosting = client.prepare(
    `INSERT INTO postings (delivery_id, target, ordering_key, production_order, message_type, content, state, reverses_posting_id, created_at, updated_at, delivered_at)
     VALUES (@deliveryId, @target, @productionOrder, @productionOrder, @messageType, @content,
       CASE WHEN @reverses IS NOT NULL AND (SELECT state FROM postings WHERE id = @reverses) = 'cancelled' THEN 'cancelled' ELSE @state END,
       @reverses, @now, @now, @deliveredAt)`,
  );
  // A conditional posting (unlessLaneHas): the same rule as drizzle-posting-inserts.ts's laneHas, decided
  // by the insert itself, so one group's writes see each other's.
  const insertPostingUnlessLaneHas = client.prepare(
    `INSERT INTO postings (delivery_id, target, ordering_key, production_order, message_type, content, state, reverses_posting_id, created_at, updated_at, delivered_at)
     SELECT @deliveryId, @target, @productionOrder, @productionOrder, @messageType, @content, @state, NULL, @now, @now, @deliveredAt
     WHERE NOT EXISTS (SELECT 1 FROM postings s WHERE s.target = @target AND s.ordering_key = @productionOrder
       AND s.message_type IN (SELECT value FROM json_each(@types)) AND s.reverses_posting_id IS NULL
       AND (s.state <> 'cancelled' OR NOT EXISTS (SELECT 1 FROM postings r WHERE r.target = s.target AND r.ordering_key = s.ordering_key AND r.reverses_posting_id = s.id)))`,
  );
  // An ERP's verdict on a delivered posting (drizzle-erp-verdicts.ts's verdictStatements, same row).
  const markVerdict = client.prepare(
    `UPDATE postings SET erp_verdict = ?, erp_verdict_message = ?, erp_verdict_alerted_at = NULL WHERE id = ? AND state = 'delivered'`,
  );
  // Whether a live key of the kind is held at all: the common answer (no) without building a query.
  const liveHeld = client.prepare(
    `SELECT 1 FROM idempotency_keys k JOIN deliveries d ON d.id = k.delivery_id
     WHERE k.key = ? AND (k.expires_at IS NULL OR k.expires_at > ?) AND (d.outcome = 'test') = ?`,
  );
  const holderOf = (keys: string[], now: number, kind?: { test: boolean }): KeyHolder | undefined =>
    keys.length ? (keyHolderQuery(db, keys, now, kind).all() as KeyHolder[])[0] : undefined;

  function record(d: NewDelivery): Written<void> {
    const row: Record<string, unknown> = {};
    for (const f of fields) row[f] = d[f] ?? null;
    row.source = d.source ?? 'nextplus';
    insertDelivery.run(row);
    return { value: undefined, counts: [deliveryCount(d)] };
  }

  /** Runs inside a savepoint: a held key throws nothing but leaves rows to roll back (see `lost`). */
  function commit(c: EventCommit): Written<CommitResult> | { lost: KeyHolder } {
    const now = c.delivery.receivedAt;
    // One writer, inside its transaction: a look-up then a write cannot be raced here.
    const old = c.legacyKeys;
    const legacy = old?.keys.some((k) => liveHeld.get(k, now, old.test ? 1 : 0)) ? holderOf(old.keys, now, old) : undefined;
    if (legacy) return { lost: legacy };
    if (c.releaseFingerprintsOf) releaseFingerprints.run(c.releaseFingerprintsOf);
    for (const k of c.claims) {
      dropExpired.run(k.key, now);
      if (claim.run(k.key, c.delivery.id, k.expiresAt, k.bodyFingerprint ?? null).changes === 0) {
        const holder = holderOf([k.key], now);
        if (!holder) throw new Error(`The key ${k.key} could be neither claimed nor found: the ledger is inconsistent.`);
        return { lost: holder };
      }
    }
    const { counts } = record(c.delivery);
    const reason = `cancelled: reversed by ${c.delivery.externalId} before it was sent`;
    for (const id of c.cancelIfUnsent ?? []) cancelUnsent.run(now, reason, id);
    for (const p of c.postings) {
      const row = {
        deliveryId: c.delivery.id,
        target: p.target,
        productionOrder: p.productionOrder,
        messageType: p.messageType,
        content: JSON.stringify(p.content),
        state: p.state,
        now,
        deliveredAt: p.state === 'delivered' ? now : null,
      };
      if (p.unlessLaneHas) insertPostingUnlessLaneHas.run({ ...row, types: JSON.stringify(p.unlessLaneHas) });
      else insertPosting.run({ ...row, reverses: p.reversesPostingId ?? null });
    }
    const v = c.verdict;
    if (v?.postingId !== undefined) markVerdict.run(v.result, v.message, v.postingId);
    return { value: { committed: true }, counts: [...counts, ...deliveredOnWriteCounts(c.postings), ...(v ? [verdictCount(v)] : [])] };
  }

  return { commit, record };
}
