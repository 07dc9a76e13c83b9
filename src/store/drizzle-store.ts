// The ledger on any SQLite that drizzle drives. The runtime supplies `atomic`: a
// better-sqlite3 transaction on Node, a D1 batch on Workers (D1 has no interactive
// transactions, so every write group is built up front and sent as one batch).
import { and, desc, eq, gt, inArray, isNotNull, isNull, like, lte, ne, or } from 'drizzle-orm';
import type { CommitWriter } from './batched-commits.js';
import type { CommitQueue } from './commit-queue.js';
import type { CommitResult, EventCommit, KeyHolder, LedgerStore } from './ledger-store.js';
import type { NewDelivery } from './ledger-rows.js';
import { deliveredOnWrite, deliveryCounted } from './metric-counters.js';
import { deliveries, idempotencyKeys, postings, settings } from './schema.js';
import type { AnySqliteDb, AtomicRunner, Statement } from './drizzle-types.js';
import type { OrderLookup } from '../core/known-order.js';
import { findKnownOrder } from './drizzle-known-orders.js';
import { postingInserts } from './drizzle-posting-inserts.js';
import { verdictCandidates, verdictStatements, type VerdictLookup } from './drizzle-erp-verdicts.js';

const MAX_COMMIT_TRIES = 3;

/** A claim unexpired at `now` (expires_at null = kept for good). */
const liveAt = (now: number) => or(isNull(idempotencyKeys.expiresAt), gt(idempotencyKeys.expiresAt, now));
/** Held by a test delivery, or by a real one: the two never share a key. */
const ofKind = (test: boolean) => (test ? eq(deliveries.outcome, 'test') : ne(deliveries.outcome, 'test'));

/** The delivery holding one of `keys` unexpired at `now` (of `kind`, if given): at most one row. */
export function keyHolderQuery(db: AnySqliteDb, keys: string[], now: number, kind?: { test: boolean }) {
  return db
    .select({ key: idempotencyKeys.key, bodyFingerprint: idempotencyKeys.bodyFingerprint, delivery: deliveries })
    .from(idempotencyKeys)
    .innerJoin(deliveries, eq(deliveries.id, idempotencyKeys.deliveryId))
    .where(and(inArray(idempotencyKeys.key, keys), liveAt(now), kind && ofKind(kind.test)))
    .limit(1);
}

export class DrizzleLedgerStore implements LedgerStore, CommitWriter {
  private readonly queue?: CommitQueue;

  constructor(
    private readonly db: AnySqliteDb,
    private readonly atomic: AtomicRunner,
    /** Where the runtime groups deliveries' writes (commit-queue.ts); without it, each is its own write. */
    queue?: CommitQueue | ((writer: CommitWriter) => CommitQueue),
  ) {
    this.queue = typeof queue === 'function' ? queue(this) : queue;
  }

  async findKeyOwner(keys: string[], now: number) {
    return (await this.findKeyHolder(keys, now))?.delivery;
  }

  private async findKeyHolder(keys: string[], now: number, kind?: { test: boolean }): Promise<KeyHolder | undefined> {
    if (keys.length === 0) return undefined;
    return (await keyHolderQuery(this.db, keys, now, kind))[0];
  }

  async commitEvent(commit: EventCommit): Promise<CommitResult> {
    return this.queue ? this.queue.commit(commit) : this.commitAlone(commit);
  }

  /** One delivery's commit as its own atomic write (retried while a key's holder expires). */
  async commitAlone(commit: EventCommit): Promise<CommitResult> {
    const now = commit.delivery.receivedAt;
    const keys = commit.claims.map((c) => c.key);
    const legacy = commit.legacyKeys;
    for (let tries = 1; ; tries++) {
      try {
        await this.atomic(this.commitStatements(commit));
        return { committed: true };
      } catch (err) {
        // A claimed key held by another live delivery is the one way this write loses a race;
        // asking the ledger who holds it works the same on any database, whatever its error text.
        if (keys.length === 0 && !legacy?.keys.length) throw err;
        const holder = (await this.findKeyHolder(keys, now)) ?? (legacy && (await this.findKeyHolder(legacy.keys, now, legacy)));
        if (holder) return { committed: false, owner: holder.delivery, holder };
        // No live holder: either the holder's claim expired meanwhile (try again) or the
        // write failed for another reason (it fails again, and is thrown).
        if (tries >= MAX_COMMIT_TRIES) throw err;
      }
    }
  }

  commitStatements({ delivery, postings: drafts, claims, releaseFingerprintsOf, cancelIfUnsent, legacyKeys, verdict }: EventCommit) {
    const db = this.db;
    const now = delivery.receivedAt;
    const statements: Statement[] = [];
    if (legacyKeys?.keys.length) {
      // A live old-form key is checked inside the write, not by a read before it: inserting
      // its own row again fails on the primary key and rolls the write back, exactly like a
      // claim held by another delivery; when none is held, this inserts nothing.
      const held = db
        .select({ key: idempotencyKeys.key, deliveryId: idempotencyKeys.deliveryId, expiresAt: idempotencyKeys.expiresAt, bodyFingerprint: idempotencyKeys.bodyFingerprint })
        .from(idempotencyKeys)
        .innerJoin(deliveries, eq(deliveries.id, idempotencyKeys.deliveryId))
        .where(and(inArray(idempotencyKeys.key, legacyKeys.keys), liveAt(now), ofKind(legacyKeys.test)));
      statements.push(db.insert(idempotencyKeys).select(held));
    }
    if (releaseFingerprintsOf) {
      statements.push(db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.deliveryId, releaseFingerprintsOf), like(idempotencyKeys.key, 'fp:%'))));
    }
    if (claims.length) {
      // Expired claims make way; a live one makes the insert below fail and the batch roll back.
      statements.push(
        db
          .delete(idempotencyKeys)
          .where(and(inArray(idempotencyKeys.key, claims.map((c) => c.key)), isNotNull(idempotencyKeys.expiresAt), lte(idempotencyKeys.expiresAt, now))),
        db.insert(idempotencyKeys).values(claims.map((c) => ({ key: c.key, expiresAt: c.expiresAt, bodyFingerprint: c.bodyFingerprint ?? null, deliveryId: delivery.id }))),
      );
    }
    statements.push(db.insert(deliveries).values(delivery), deliveryCounted(db, delivery));
    if (verdict) statements.push(...verdictStatements(db, verdict));
    if (cancelIfUnsent?.length) {
      statements.push(
        db
          .update(postings)
          .set({ state: 'cancelled', updatedAt: now, lastError: `cancelled: reversed by ${delivery.externalId} before it was sent` })
          .where(and(inArray(postings.id, cancelIfUnsent), inArray(postings.state, ['queued', 'held']), eq(postings.attempts, 0))),
      );
    }
    if (drafts.length) statements.push(...postingInserts(db, delivery.id, now, drafts), ...deliveredOnWrite(db, drafts));
    return statements;
  }

  async markRejected(deliveryId: string, status: number, message: string) {
    const d = await this.getDelivery(deliveryId);
    await this.atomic([
      this.db.update(deliveries).set({ outcome: 'rejected', status, message, externalId: null, subject: null }).where(eq(deliveries.id, deliveryId)),
      this.db.delete(idempotencyKeys).where(eq(idempotencyKeys.deliveryId, deliveryId)),
      ...(d ? [deliveryCounted(this.db, { ...d, outcome: 'rejected' })] : []),
    ]);
  }

  async recordDelivery(delivery: NewDelivery) {
    return this.queue ? this.queue.record(delivery) : this.recordAlone(delivery);
  }

  recordStatements(delivery: NewDelivery): Statement[] {
    return [this.db.insert(deliveries).values(delivery), deliveryCounted(this.db, delivery)];
  }

  async recordAlone(delivery: NewDelivery) {
    await this.atomic(this.recordStatements(delivery));
  }

  findKnownOrder(lookup: OrderLookup) {
    return findKnownOrder(this.db, lookup);
  }

  verdictCandidates(lookup: VerdictLookup) {
    return verdictCandidates(this.db, lookup);
  }

  async findBySubject(source: string, subject: string, test: boolean) {
    const rows = await this.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.source, source), eq(deliveries.subject, subject), eq(deliveries.outcome, test ? 'test' : 'accepted')))
      .orderBy(desc(deliveries.receivedAt))
      .limit(1);
    return rows[0];
  }

  async findFiledWith(source: string, integration: string, filed: { eventType?: string; workorderNumber: string; serial?: string }, test: boolean, limit: number) {
    return this.db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.source, source),
          eq(deliveries.integration, integration),
          eq(deliveries.outcome, test ? 'test' : 'accepted'),
          eq(deliveries.workorderNumber, filed.workorderNumber),
          filed.eventType === undefined ? undefined : eq(deliveries.eventType, filed.eventType),
          filed.serial === undefined ? undefined : eq(deliveries.serial, filed.serial),
        ),
      )
      .orderBy(desc(deliveries.receivedAt))
      .limit(limit);
  }

  async postingsOf(deliveryId: string) {
    return this.db.select().from(postings).where(eq(postings.deliveryId, deliveryId)).orderBy(postings.id);
  }

  async getDelivery(id: string) {
    const rows = await this.db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1);
    return rows[0];
  }

  async keepSetting(key: string, value: string) {
    await this.db.insert(settings).values({ key, value }).onConflictDoNothing();
    return (await this.readSetting(key)) ?? value;
  }

  async readSetting(key: string) {
    const rows = await this.db.select().from(settings).where(eq(settings.key, key));
    return rows[0]?.value;
  }
}
