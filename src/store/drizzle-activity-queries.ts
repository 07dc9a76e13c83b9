// The console's activity views (activity-queries.ts) on drizzle, for SQLite and D1 alike.
import { eq, inArray, min, sql } from 'drizzle-orm';
import type { Activity, ActivityQueries, ActivityWindows, LatencyPercentiles } from './activity-queries.js';
import { isPostgres, rawRows } from './dialect.js';
import type { AnySqliteDb } from './drizzle-types.js';
import { metricCounters, postings } from './schema.js';

const OUTCOMES = ['accepted', 'duplicate', 'test', 'rejected'];
const WAITING = ['queued', 'sending', 'failed', 'held'];
const DAY = 24 * 3600_000;
const minuteStart = (ms: number) => Math.floor(ms / 60_000) * 60_000;

export class DrizzleActivityQueries implements ActivityQueries {
  constructor(private readonly db: AnySqliteDb) {}

  async activity(w: ActivityWindows): Promise<Activity> {
    // One count per minute and outcome, each a range of the (outcome, received_at) index, which
    // holds both columns: no table row is read, and no sort (a GROUP BY on received_at / 60000
    // sorts the whole day: 4 times slower at a delivery a second).
    const outcomes = sql.join(OUTCOMES.map((o) => sql`(${o})`), sql`, `);
    const perMinute = await rawRows<{ minute: number; outcome: string; n: number }>(this.db, sql`
      WITH RECURSIVE b(s) AS (SELECT CAST(${minuteStart(w.dayFrom)} AS bigint) UNION ALL SELECT s + 60000 FROM b WHERE s + 60000 < ${w.dayFrom + DAY}),
        o(outcome) AS (VALUES ${outcomes})
      SELECT * FROM (
        SELECT b.s / 60000 AS minute, o.outcome AS outcome,
          (SELECT count(*) FROM deliveries d WHERE d.outcome = o.outcome AND d.received_at >= b.s AND d.received_at < b.s + 60000) AS n
        FROM b, o
      ) AS counted WHERE n > 0`);
    const oldest = await this.db
      .select({ target: postings.target, createdAt: min(postings.createdAt) })
      .from(postings)
      .where(inArray(postings.state, WAITING))
      .groupBy(postings.target);
    const buckets = await this.db.select().from(metricCounters).where(eq(metricCounters.name, 'send_duration_bucket'));
    return {
      deliveriesPerMinute: perMinute.map((r) => ({ minute: Number(r.minute), outcome: r.outcome, n: Number(r.n) })),
      latencyHour: await this.latency(w.hourFrom),
      latencyBuckets: buckets.map((b) => {
        const labels = Object.fromEntries(b.labels.split(',').map((pair) => pair.split('=')));
        return { target: String(labels.target), le: String(labels.le), n: Number(b.value) };
      }),
      oldestWaiting: oldest.filter((o): o is { target: string; createdAt: number } => o.createdAt != null),
    };
  }

  /**
   * p50 and p95 by nearest rank (the ceil(p·n)-th shortest send), per target, computed by the
   * database: only two rows per target come back, however many attempts the window holds.
   */
  private async latency(from: number): Promise<LatencyPercentiles[]> {
    const rows = await rawRows<{ target: string; n: number; rn: number; ms: number }>(this.db, sql`
      WITH d AS (
        SELECT p.target AS target, a.finished_at - a.started_at AS ms
        FROM posting_attempts a JOIN postings p ON p.id = a.posting_id
        WHERE a.finished_at >= ${from}
      ), r AS (
        SELECT target, ms, row_number() OVER (PARTITION BY target ORDER BY ms) AS rn, count(*) OVER (PARTITION BY target) AS n FROM d
      )
      SELECT target, n, rn, ms FROM r WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 95 + 99) / 100`);
    const byTarget = new Map<string, LatencyPercentiles>();
    for (const r of rows) {
      const n = Number(r.n);
      const t = byTarget.get(r.target) ?? { target: r.target, sends: n, p50: 0, p95: 0 };
      // The same integer ranks as the SQL: no floating-point 0.95 · n.
      if (Number(r.rn) === Math.floor((n * 50 + 99) / 100)) t.p50 = Number(r.ms);
      if (Number(r.rn) === Math.floor((n * 95 + 99) / 100)) t.p95 = Number(r.ms);
      byTarget.set(r.target, t);
    }
    return [...byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
  }

  async changeStamp() {
    // Deliveries have no increasing id: SQLite's rowid is one; PostgreSQL has none, and counts
    // them in the counter every delivery's write bumps (an index read, never a table count).
    const deliveriesMark = isPostgres(this.db)
      ? sql`(SELECT sum(value) FROM metric_counters WHERE name = 'deliveries_received')`
      : sql`(SELECT max(rowid) FROM deliveries)`;
    const [row] = await rawRows<Record<string, number | null>>(this.db, sql`
      SELECT ${deliveriesMark} AS d, (SELECT max(id) FROM postings) AS p,
             (SELECT max(id) FROM posting_attempts) AS a, (SELECT max(id) FROM operator_actions) AS o`);
    return [row?.d, row?.p, row?.a, row?.o].map((v) => v ?? 0).join('.');
  }
}
