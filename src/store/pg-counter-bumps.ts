// Every delivery's commit bumps the same metric_counters row (deliveries_received by source,
// integration and outcome). On PostgreSQL the bump locks that row until the transaction commits,
// so every other transaction bumping it waits: commits across the pool and across bridges queue
// on it. A transaction's bumps therefore go last, summed per row (a group of deliveries writes
// each row once) and in one order (two transactions bumping two rows can't deadlock), so the
// row is held only for the bumps and the COMMIT.
import type { Statement } from './drizzle-types.js';

const BUMP = /^insert into "metric_counters" \("name", "labels", "value"\) values \(\$1, \$2, \$3\) on conflict/i;

export interface PgQuery {
  sql: string;
  params: unknown[];
  /** The statements (their indexes in the transaction) this query stands for: its row count is theirs. */
  of: number[];
}

/** The statements as queries, the counter bumps summed per row and moved to the end. */
export function countersLast(statements: Statement[]): PgQuery[] {
  const queries: PgQuery[] = [];
  const sums = new Map<string, PgQuery>();
  statements.forEach((s, i) => {
    const q = s.toSQL();
    const [name, labels, by] = q.params;
    if (!BUMP.test(q.sql) || q.params.length !== 3 || typeof by !== 'number') return queries.push({ sql: q.sql, params: q.params, of: [i] });
    const key = `${String(name)}\n${String(labels)}`;
    const sum = sums.get(key);
    if (!sum) return sums.set(key, { sql: q.sql, params: [name, labels, by], of: [i] });
    sum.params[2] = (sum.params[2] as number) + by;
    sum.of.push(i);
  });
  const ordered = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, q]) => q);
  return [...queries, ...ordered];
}
