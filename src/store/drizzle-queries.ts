// Read-only views of the ledger for the admin API and the console: filtered, newest first,
// paged by keyset (a cursor, not an offset) so a page stays fast at a million rows.
import { and, desc, eq, exists, gte, inArray, lt, lte, min, or, sql, type SQL } from 'drizzle-orm';
import type { AnySqliteDb } from './drizzle-store.js';
import { deliveries, postings } from './schema.js';

const WAITING = ['queued', 'sending', 'failed', 'held'];

export interface EventFilter {
  outcome?: string;
  integration?: string;
  productionOrder?: string;
  serial?: string;
  /** Only events with a posting in this state. */
  state?: string;
  /** Exact match on any of: externalId, production order, serial, sku, work order number, event id. */
  q?: string;
  from?: number;
  to?: number;
  limit: number;
  /** Cursor from the previous page: "<receivedAt>_<id>". */
  before?: string;
}

export interface PostingFilter {
  state?: string;
  productionOrder?: string;
  integration?: string;
  from?: number;
  to?: number;
  limit: number;
  /** Cursor from the previous page: a posting id. */
  before?: number;
}

export class LedgerQueries {
  constructor(private readonly db: AnySqliteDb) {}

  async events(f: EventFilter) {
    const where: (SQL | undefined)[] = [
      f.outcome ? eq(deliveries.outcome, f.outcome) : undefined,
      f.integration ? eq(deliveries.integration, f.integration) : undefined,
      f.productionOrder ? eq(deliveries.productionOrder, f.productionOrder) : undefined,
      f.serial ? eq(deliveries.serial, f.serial) : undefined,
      f.from !== undefined ? gte(deliveries.receivedAt, f.from) : undefined,
      f.to !== undefined ? lte(deliveries.receivedAt, f.to) : undefined,
      f.state ? this.hasPostingIn(f.state) : undefined,
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
   * Events with a posting in `state`. Unfinished states are rare, so their (indexed) list of
   * delivery ids is small; delivered and cancelled are most rows, so each event is probed instead.
   */
  private hasPostingIn(state: string) {
    if (state === 'delivered' || state === 'cancelled') {
      return exists(
        this.db.select({ one: sql`1` }).from(postings).where(and(eq(postings.deliveryId, deliveries.id), eq(postings.state, state))),
      );
    }
    return inArray(deliveries.id, this.db.select({ id: postings.deliveryId }).from(postings).where(eq(postings.state, state)));
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

  async postings(f: PostingFilter) {
    const where: (SQL | undefined)[] = [
      f.state ? eq(postings.state, f.state) : undefined,
      f.productionOrder ? eq(postings.productionOrder, f.productionOrder) : undefined,
      f.integration
        ? inArray(postings.deliveryId, this.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.integration, f.integration)))
        : undefined,
      f.from !== undefined ? gte(postings.createdAt, f.from) : undefined,
      f.to !== undefined ? lte(postings.createdAt, f.to) : undefined,
      f.before !== undefined ? lt(postings.id, f.before) : undefined,
    ];
    const rows = await this.db.select().from(postings).where(and(...where)).orderBy(desc(postings.id)).limit(f.limit);
    return { items: rows, next: rows.length === f.limit ? rows[rows.length - 1]!.id : undefined };
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
  async summary(since?: number) {
    const finished = ['delivered', 'cancelled'];
    const byState = await this.db
      .select({ state: postings.state, n: sql<number>`count(*)` })
      .from(postings)
      .where(since === undefined ? undefined : or(inArray(postings.state, WAITING), and(inArray(postings.state, finished), gte(postings.createdAt, since))))
      .groupBy(postings.state);
    const byOutcome = await this.db
      .select({ outcome: deliveries.outcome, n: sql<number>`count(*)` })
      .from(deliveries)
      .where(since === undefined ? undefined : gte(deliveries.receivedAt, since))
      .groupBy(deliveries.outcome);
    const [oldest] = await this.db.select({ createdAt: min(postings.createdAt) }).from(postings).where(inArray(postings.state, WAITING));
    return {
      postings: Object.fromEntries(byState.map((r) => [r.state, Number(r.n)])) as Record<string, number>,
      deliveries: Object.fromEntries(byOutcome.map((r) => [r.outcome, Number(r.n)])) as Record<string, number>,
      oldestWaitingSince: oldest?.createdAt ?? null,
    };
  }
}
