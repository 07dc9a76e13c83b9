// Bumps a ledger-kept counter (schema.ts, metric_counters) as part of a write group, so the
// count and what it counts commit together. Labels are stored as "k=v,k=v" in the given order.
import { sql } from 'drizzle-orm';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import { metricCounters } from './schema.js';

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v.replace(/[,=]/g, '_')}`)
    .join(',');

export function bump(db: AnySqliteDb, name: string, labels: Record<string, string>, by = 1): Statement {
  return db
    .insert(metricCounters)
    .values({ name, labels: labelText(labels), value: by })
    .onConflictDoUpdate({ target: [metricCounters.name, metricCounters.labels], set: { value: sql`${metricCounters.value} + excluded.value` } });
}

/** What a recorded delivery counts as. */
export const deliveryCounted = (db: AnySqliteDb, d: { source?: string; integration: string; outcome: string }) =>
  bump(db, 'deliveries_received', { source: d.source ?? 'nextplus', integration: d.integration, outcome: d.outcome });

/** Postings delivered as they were written (the journal's), one bump per target. */
export function deliveredOnWrite(db: AnySqliteDb, rows: { target: string; state: string }[]): Statement[] {
  const perTarget = new Map<string, number>();
  for (const r of rows) if (r.state === 'delivered') perTarget.set(r.target, (perTarget.get(r.target) ?? 0) + 1);
  return [...perTarget].map(([target, n]) => bump(db, 'postings_delivered', { target }, n));
}
