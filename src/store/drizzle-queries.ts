// The ledger's read-only views (ledger-queries.ts) on drizzle, for SQLite and D1 alike.
import { and, asc, desc, eq, exists, gt, gte, inArray, lt, lte, max, min, or, sql, type SQL } from 'drizzle-orm';
import type { ActivityWindows } from './activity-queries.js';
import { DrizzleActivityQueries } from './drizzle-activity-queries.js';
import type { AnySqliteDb } from './drizzle-types.js';
import type { EventFilter, LedgerQueries, MetricsSnapshot, PostingFilter, Summary } from './ledger-queries.js';
import { deliveries, metricCounters, postings } from './schema.js';
import { UNMATCHED_VERDICT_SUBJECT } from '../core/posting-verdict.js';

const WAITING = ['queued', 'sending', 'failed', 'held'];

export class DrizzleLedgerQueries implements LedgerQueries {
  private readonly activityQueries: DrizzleActivityQueries;
  constructor(private readonly db: AnySqliteDb) {
    this.activityQueries = new DrizzleActivityQueries(db);
  }

  activity(w: ActivityWindows) {
    return this.activityQueries.activity(w);
  }

  changeStamp() {
    return this.activityQueries.changeStamp();
  }

  async events(f: EventFilter) {
    const where: (SQL | undefined)[] = [
      f.source ? eq(deliveries.source, f.source) : undefined,
      f.outcome ? eq(deliveries.outcome, f.outcome) : undefined,
      f.integration ? eq(deliveries.integration, f.integration) : undefined,
      f.productionOrder ? eq(deliveries.productionOrder, f.productionOrder) : undefined,
      f.serial ? eq(deliveries.serial, f.serial) : undefined,
      f.verdict === 'unmatched' ? eq(deliveries.subject, UNMATCHED_VERDICT_SUBJECT) : undefined,
      f.from !== undefined ? gte(deliveries.receivedAt, f.from) : undefined,
      f.to !== undefined ? lte(deliveries.receivedAt, f.to) : undefined,
      f.state || f.target ? this.hasPosting(f.state, f.target) : undefined,
      f.q
        ? or(
            eq(deliveries.externalId, f.q),
            eq(deliveries.productionOrder, f.q),
            eq(deliveries.serial, f.q),
            eq(deliveries.sku, f.q),
            eq(deliveries.workorderNumber, f.q),
            eq(deliveries.id, f.q),
          )
        : undefined,
    ];
    const cursor = f.before?.match(/^(\d+)_(.+)$/);
    if (cursor) {
      const at = Number(cursor[1]);
      // The plain <= lets SQLite seek the received_at index to the cursor instead of walking
      // every newer row: page 20,000 costs what page 1 does.
      where.push(lte(deliveries.receivedAt, at), or(lt(deliveries.receivedAt, at), lt(deliveries.id, cursor[2]!)));
    }
    const rows = await this.db
      .select()
      .from(deliveries)
      .where(and(...where))
      .orderBy(desc(deliveries.receivedAt), desc(deliveries.id))
      .limit(f.limit);
    const last = rows.length === f.limit ? rows[rows.length - 1] : undefined;
    return { items: rows, next: last ? `${last.receivedAt}_${last.id}` : undefined };
  }

  /**
   * Events with a posting in `state` (and/or to `target`). Unfinished states are rare, so their
   * (indexed) list of delivery ids is small; otherwise most rows match, so each event is probed.
   */
  private hasPosting(state: string | undefined, target: string | undefined) {
    const match = and(state ? eq(postings.state, state) : undefined, target ? eq(postings.target, target) : undefined);
    if (state && WAITING.includes(state)) {
      return inArray(deliveries.id, this.db.select({ id: postings.deliveryId }).from(postings).where(match));
    }
    return exists(this.db.select({ one: sql`1` }).from(postings).where(and(eq(postings.deliveryId, deliveries.id), match)));
  }

  /** Everything for one production order, oldest first: its events and its postings. */
  async orderTimeline(order: string, limit = 500) {
    const events = await this.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.productionOrder, order))
      .orderBy(desc(deliveries.receivedAt))
      .limit(limit);
    const items = await this.db
      .select()
      .from(postings)
      .where(eq(postings.productionOrder, order))
      .orderBy(desc(postings.id))
      .limit(limit);
    return { events: events.reverse(), postings: items.reverse() };
  }

  /** The filters the postings list and the bulk actions share. */
  private postingMatch(f: Omit<PostingFilter, 'limit' | 'before' | 'state'>): (SQL | undefined)[] {
    return [
      f.target ? eq(postings.target, f.target) : undefined,
      f.productionOrder ? eq(postings.productionOrder, f.productionOrder) : undefined,
      f.integration || f.source
        ? inArray(
            postings.deliveryId,
            this.db
              .select({ id: deliveries.id })
              .from(deliveries)
              .where(and(f.integration ? eq(deliveries.integration, f.integration) : undefined, f.source ? eq(deliveries.source, f.source) : undefined)),
          )
        : undefined,
      f.from !== undefined ? gte(postings.createdAt, f.from) : undefined,
      f.to !== undefined ? lte(postings.createdAt, f.to) : undefined,
    ];
  }

  async postings(f: PostingFilter) {
    const where = [...this.postingMatch(f), f.state ? eq(postings.state, f.state) : undefined, f.before !== undefined ? lt(postings.id, f.before) : undefined];
    const rows = await this.db.select().from(postings).where(and(...where)).orderBy(desc(postings.id)).limit(f.limit);
    return { items: rows, next: rows.length === f.limit ? rows[rows.length - 1]!.id : undefined };
  }

  async oldestPostings(f: Omit<PostingFilter, 'state' | 'before'> & { states: string[]; after?: number }) {
    const where = [...this.postingMatch(f), inArray(postings.state, f.states), f.after !== undefined ? gt(postings.id, f.after) : undefined];
    return this.db
      .select({ id: postings.id, target: postings.target, productionOrder: postings.productionOrder, state: postings.state, lastError: postings.lastError, updatedAt: postings.updatedAt })
      .from(postings)
      .where(and(...where))
      .orderBy(asc(postings.id))
      .limit(f.limit);
  }

  async postingsOfDeliveries(ids: string[]) {
    if (!ids.length) return [];
    return this.db.select().from(postings).where(inArray(postings.deliveryId, ids)).orderBy(postings.id);
  }

  /** Deliveries that are duplicates of, or refer to (update/remove), this one. */
  async related(deliveryId: string) {
    return this.db
      .select()
      .from(deliveries)
      .where(or(eq(deliveries.duplicateOf, deliveryId), eq(deliveries.refersTo, deliveryId)))
      .orderBy(deliveries.receivedAt);
  }

  /**
   * Counts for a glance: postings by state, deliveries by outcome, the oldest waiting posting.
   * With `since`, finished postings (delivered, cancelled) and deliveries are counted from then
   * on only, so the cost follows recent traffic, not the ledger's size (on D1, rows read are
   * billed); unfinished postings are always counted in full: they are few, and they matter.
   */
  async summary(since?: number): Promise<Summary> {
    const finished = ['delivered', 'cancelled'];
    const byState = await this.db
      .select({ target: postings.target, state: postings.state, n: sql<number>`count(*)` })
      .from(postings)
      .where(since === undefined ? undefined : or(inArray(postings.state, WAITING), and(inArray(postings.state, finished), gte(postings.createdAt, since))))
      .groupBy(postings.target, postings.state);
    const byOutcome = await this.db
      .select({ outcome: deliveries.outcome, n: sql<number>`count(*)` })
      .from(deliveries)
      .where(since === undefined ? undefined : gte(deliveries.receivedAt, since))
      .groupBy(deliveries.outcome);
    const [oldest] = await this.db.select({ createdAt: min(postings.createdAt) }).from(postings).where(inArray(postings.state, WAITING));
    const total: Record<string, number> = {};
    const byTarget: Record<string, Record<string, number>> = {};
    for (const r of byState) {
      total[r.state] = (total[r.state] ?? 0) + Number(r.n);
      (byTarget[r.target] ??= {})[r.state] = Number(r.n);
    }
    return {
      postings: total,
      postingsByTarget: byTarget,
      deliveries: Object.fromEntries(byOutcome.map((r) => [r.outcome, Number(r.n)])) as Record<string, number>,
      oldestWaitingSince: oldest?.createdAt ?? null,
    };
  }

  /** Each piece reads an index or a handful of rows: a scrape costs the same at any ledger size. */
  async metrics(integrations: { source: string; integration: string }[]): Promise<MetricsSnapshot> {
    const counters = await this.db.select().from(metricCounters);
    const waiting = await this.db
      .select({ target: postings.target, state: postings.state, n: sql<number>`count(*)` })
      .from(postings)
      .where(inArray(postings.state, WAITING))
      .groupBy(postings.target, postings.state);
    const oldestWaiting = await this.db
      .select({ target: postings.target, createdAt: min(postings.createdAt) })
      .from(postings)
      .where(inArray(postings.state, WAITING))
      .groupBy(postings.target);
    const heldLanes = await this.db
      .select({ target: postings.target, n: sql<number>`count(distinct ${postings.orderingKey})` })
      .from(postings)
      .where(eq(postings.state, 'failed'))
      .groupBy(postings.target);
    // One indexed max() per integration: SQLite answers each from the end of the index.
    const lastDelivery = await Promise.all(
      integrations.map(async (i) => {
        const [row] = await this.db
          .select({ at: max(deliveries.receivedAt) })
          .from(deliveries)
          .where(and(eq(deliveries.source, i.source), eq(deliveries.integration, i.integration)));
        return { ...i, at: row?.at ?? null };
      }),
    );
    return {
      counters: counters.map((c) => ({ ...c, value: Number(c.value) })),
      waiting: waiting.map((w) => ({ ...w, n: Number(w.n) })),
      oldestWaiting: oldestWaiting.filter((o): o is { target: string; createdAt: number } => o.createdAt != null),
      heldLanes: heldLanes.map((h) => ({ ...h, n: Number(h.n) })),
      lastDelivery: lastDelivery.filter((l): l is { source: string; integration: string; at: number } => l.at != null),
    };
  }

  async oldestDueAt(now: number) {
    const due = sql<number>`coalesce(${postings.nextAttemptAt}, ${postings.createdAt})`;
    const [row] = await this.db
      .select({ at: sql<number | null>`min(${due})` })
      .from(postings)
      .where(and(eq(postings.state, 'queued'), lte(due, now)));
    return row?.at ?? null;
  }

  async ping() {
    await this.db.select({ one: sql`1` }).from(metricCounters).limit(1);
  }
}
