// Bumps a ledger-kept counter (schema.ts, metric_counters) as part of a write group, so the
// count and what it counts commit together. Labels are stored as "k=v,k=v" in the given order.
// What a write counts (CounterBump) is decided here once; drizzle writes a bump as a statement
// of its group, the Node ledger's group commit adds a group's bumps up and writes each once.
import { sql } from 'drizzle-orm';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import { metricCounters } from './schema.js';

export interface CounterBump {
  name: string;
  labels: Record<string, string>;
  by: number;
}

export const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v.replace(/[,=]/g, '_')}`)
    .join(',');

/** Bumps of the same counter and labels added up: a group writes each counter row once. */
export function addedUp(counts: CounterBump[]): CounterBump[] {
  const sums = new Map<string, CounterBump>();
  for (const c of counts) {
    const key = `${c.name}\n${labelText(c.labels)}`;
    const seen = sums.get(key);
    sums.set(key, seen ? { ...seen, by: seen.by + c.by } : c);
  }
  return [...sums.values()];
}

export function bump(db: AnySqliteDb, name: string, labels: Record<string, string>, by = 1): Statement {
  return db
    .insert(metricCounters)
    .values({ name, labels: labelText(labels), value: by })
    .onConflictDoUpdate({ target: [metricCounters.name, metricCounters.labels], set: { value: sql`${metricCounters.value} + excluded.value` } });
}

/** What a recorded delivery counts as. */
export const deliveryCount = (d: { source?: string; integration: string; outcome: string }): CounterBump => ({
  name: 'deliveries_received',
  labels: { source: d.source ?? 'nextplus', integration: d.integration, outcome: d.outcome },
  by: 1,
});

/** Postings delivered as they were written (the journal's), one bump per target. */
export function deliveredOnWriteCounts(rows: { target: string; state: string }[]): CounterBump[] {
  const perTarget = new Map<string, number>();
  for (const r of rows) if (r.state === 'delivered') perTarget.set(r.target, (perTarget.get(r.target) ?? 0) + 1);
  return [...perTarget].map(([target, by]) => ({ name: 'postings_delivered', labels: { target }, by }));
}

const asStatement = (db: AnySqliteDb) => (b: CounterBump) => bump(db, b.name, b.labels, b.by);
export const deliveryCounted = (db: AnySqliteDb, d: { source?: string; integration: string; outcome: string }) => asStatement(db)(deliveryCount(d));
export const deliveredOnWrite = (db: AnySqliteDb, rows: { target: string; state: string }[]): Statement[] => deliveredOnWriteCounts(rows).map(asStatement(db));
