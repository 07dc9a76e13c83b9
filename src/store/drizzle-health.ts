// The health store on drizzle: one target_health row per target, upserted by every attempt in
// the attempt's own write (healthAfterAttempt), and indexed reads of deliveries per integration.
// Marks ("the warning was logged", "the alert went out") are set and cleared by conditional
// updates, so of several dispatchers exactly one writes each line and sends each notice.
import { and, count, eq, gt, inArray, isNotNull, isNull, max, min, sql } from 'drizzle-orm';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import type { FailureMark, HealthStore } from './health-store.js';
import type { AttemptRecord, AttemptResult } from './outbox-store.js';
import { deliveries, postings, settings, targetHealth } from './schema.js';

/**
 * The target's row after one attempt: a delivery ends a failure, a retryable failure starts or
 * extends one. A refusal of one posting (permanent) is that posting's problem, told by its own
 * alert: the target answered, so it neither starts nor ends the target's failure.
 */
export function healthAfterAttempt(db: AnySqliteDb, a: AttemptRecord, r: AttemptResult): Statement {
  const at = a.finishedAt;
  const t = targetHealth;
  const insert = db.insert(t);
  if (a.outcome === 'delivered') {
    return insert
      .values({ target: a.target, lastAttemptAt: at, lastSuccessAt: at, consecutiveFailures: 0 })
      .onConflictDoUpdate({ target: t.target, set: { lastAttemptAt: at, lastSuccessAt: at, failingSince: null, consecutiveFailures: 0, lastError: null } });
  }
  if (a.outcome === 'transient') {
    const error = r.lastError ?? a.error ?? 'unknown failure';
    return insert
      .values({ target: a.target, lastAttemptAt: at, failingSince: a.startedAt, consecutiveFailures: 1, lastError: error })
      .onConflictDoUpdate({
        target: t.target,
        set: {
          lastAttemptAt: at,
          failingSince: sql`coalesce(${t.failingSince}, excluded.failing_since)`,
          consecutiveFailures: sql`${t.consecutiveFailures} + 1`,
          lastError: error,
        },
      });
  }
  return insert.values({ target: a.target, lastAttemptAt: at }).onConflictDoUpdate({ target: t.target, set: { lastAttemptAt: at } });
}

const column = (mark: FailureMark) => (mark === 'logged' ? targetHealth.failureLoggedAt : targetHealth.failureAlertedAt);
const field = (mark: FailureMark) => (mark === 'logged' ? 'failureLoggedAt' : 'failureAlertedAt');

export class DrizzleHealthStore implements HealthStore {
  constructor(private readonly db: AnySqliteDb) {}

  async targetHealth() {
    const rows = await this.db.select().from(targetHealth).orderBy(targetHealth.target);
    if (!rows.length) return [];
    const next = await this.db
      .select({ target: postings.target, at: min(postings.nextAttemptAt) })
      .from(postings)
      .where(and(eq(postings.state, 'queued'), inArray(postings.target, rows.map((r) => r.target)), isNotNull(postings.nextAttemptAt)))
      .groupBy(postings.target);
    return rows.map((r) => ({ ...r, nextRetryAt: next.find((n) => n.target === r.target)?.at ?? null }));
  }

  async markFailure(target: string, mark: FailureMark, at: number) {
    const rows = await this.db
      .update(targetHealth)
      .set({ [field(mark)]: at })
      .where(and(eq(targetHealth.target, target), isNotNull(targetHealth.failingSince), isNull(column(mark))))
      .returning({ target: targetHealth.target });
    return rows.length > 0;
  }

  async clearFailure(target: string, mark: FailureMark) {
    const rows = await this.db
      .update(targetHealth)
      .set({ [field(mark)]: null })
      .where(and(eq(targetHealth.target, target), isNull(targetHealth.failingSince), isNotNull(column(mark))))
      .returning({ target: targetHealth.target });
    return rows.length > 0;
  }

  /** Two indexed reads per integration (deliveries_source_integration): the same cost at any ledger size. */
  async activity(integrations: { source: string; integration: string }[], hourAgo: number) {
    return Promise.all(
      integrations.map(async (i) => {
        const of = and(eq(deliveries.source, i.source), eq(deliveries.integration, i.integration));
        const [last] = await this.db.select({ at: max(deliveries.receivedAt) }).from(deliveries).where(of);
        const [recent] = await this.db.select({ n: count() }).from(deliveries).where(and(of, gt(deliveries.receivedAt, hourAgo)));
        return { ...i, lastReceivedAt: last?.at ?? null, lastHour: Number(recent?.n ?? 0) };
      }),
    );
  }

  async readMark(key: string) {
    const [row] = await this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
    return row?.value;
  }

  async writeMark(key: string, value: string | null) {
    if (value === null) await this.db.delete(settings).where(eq(settings.key, key));
    else await this.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  }
}
