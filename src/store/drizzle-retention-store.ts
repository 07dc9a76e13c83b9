// Retention on drizzle: each kind of history goes in batches picked through an index (oldest
// first, limited), so a purge run costs the same small amount on a ledger of any size, and D1
// bills only the rows it touches.
import { and, eq, inArray, isNotNull, lt, notExists, sql } from 'drizzle-orm';
import type { AnySqliteDb, AtomicRunner, Statement } from './drizzle-types.js';
import type { PurgeCounts, RetentionStore } from './retention-store.js';
import { deliveries, idempotencyKeys, postingAttempts, postings } from './schema.js';

const HISTORY_ONLY = ['duplicate', 'test', 'rejected'];
const FINISHED = ['delivered', 'cancelled'];

export class DrizzleRetentionStore implements RetentionStore {
  constructor(
    private readonly db: AnySqliteDb,
    private readonly atomic: AtomicRunner,
  ) {}

  async purge(cutoff: number, now: number, batch: number): Promise<PurgeCounts> {
    const db = this.db;
    const oldDeliveries = await db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(inArray(deliveries.outcome, HISTORY_ONLY), lt(deliveries.receivedAt, cutoff)))
      .limit(batch);
    const oldAttempts = await db
      .select({ id: postingAttempts.id })
      .from(postingAttempts)
      .innerJoin(postings, eq(postings.id, postingAttempts.postingId))
      .where(and(lt(postingAttempts.finishedAt, cutoff), inArray(postings.state, FINISHED)))
      .limit(batch);
    const unfinished = db
      .select({ one: sql`1` })
      .from(postings)
      .where(and(eq(postings.deliveryId, deliveries.id), sql`${postings.state} NOT IN ('delivered', 'cancelled')`));
    const finishedBodies = await db
      .select({ id: deliveries.id })
      .from(deliveries)
      // Literal, not a bound value: SQLite only picks the partial index for the same literal term.
      .where(and(isNotNull(deliveries.rawBody), sql`${deliveries.outcome} = 'accepted'`, lt(deliveries.receivedAt, cutoff), notExists(unfinished)))
      .orderBy(deliveries.receivedAt)
      .limit(batch);
    const expiredKeys = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(and(isNotNull(idempotencyKeys.expiresAt), lt(idempotencyKeys.expiresAt, now)))
      .limit(batch);

    const ids = (rows: { id: string | number }[]) => rows.map((r) => r.id);
    const statements = [
      oldDeliveries.length && db.delete(deliveries).where(inArray(deliveries.id, ids(oldDeliveries) as string[])),
      // A purged test delivery's sender key goes with it: a key whose holder is gone would make
      // the next delivery under it fail its claim with no one to answer as (a 500).
      oldDeliveries.length && db.delete(idempotencyKeys).where(inArray(idempotencyKeys.deliveryId, ids(oldDeliveries) as string[])),
      oldAttempts.length && db.delete(postingAttempts).where(inArray(postingAttempts.id, ids(oldAttempts) as number[])),
      finishedBodies.length && db.update(deliveries).set({ rawBody: null }).where(inArray(deliveries.id, ids(finishedBodies) as string[])),
      expiredKeys.length && db.delete(idempotencyKeys).where(inArray(idempotencyKeys.key, expiredKeys.map((k) => k.key))),
    ].filter((s) => !!s) as Statement[];
    if (statements.length) await this.atomic(statements);
    return { deliveries: oldDeliveries.length, attempts: oldAttempts.length, rawBodies: finishedBodies.length, keys: expiredKeys.length };
  }
}
