// The ERP's verdicts on delivered postings (src/core/posting-verdict.ts), on drizzle: the
// candidates a verdict may be about, the write that records it (part of its delivery's commit),
// and the failed ones still to alert. Builder queries only, so they run on SQLite, D1 and
// PostgreSQL alike.
import { and, asc, desc, eq, isNull, lte } from 'drizzle-orm';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import type { VerdictRecord } from './ledger-store.js';
import type { PostingRow } from './ledger-rows.js';
import { bump, type CounterBump } from './metric-counters.js';
import { postings } from './schema.js';

/** How many delivered postings of one lane and type a verdict is compared with, newest first. */
export const VERDICT_CANDIDATES = 50;

export interface VerdictLookup {
  target: string;
  productionOrder: string;
  messageType: string;
  /** Only postings delivered by then. */
  deliveredBy: number;
}

/** Delivered postings of the lane and message type, newest first (the lane's index serves it). */
export function verdictCandidates(db: AnySqliteDb, l: VerdictLookup): Promise<PostingRow[]> {
  return db
    .select()
    .from(postings)
    .where(
      and(
        eq(postings.target, l.target),
        eq(postings.orderingKey, l.productionOrder),
        eq(postings.messageType, l.messageType),
        eq(postings.state, 'delivered'),
        lte(postings.deliveredAt, l.deliveredBy),
      ),
    )
    .orderBy(desc(postings.id))
    .limit(VERDICT_CANDIDATES);
}

/** What a verdict counts as in /metrics (bridge_erp_verdicts_total). */
export const verdictCount = (v: VerdictRecord): CounterBump => ({ name: 'erp_verdicts', labels: { target: v.target, result: v.postingId === undefined ? 'unmatched' : v.result }, by: 1 });

/**
 * The verdict on its posting, and its count. Only a delivered posting takes one: it stays
 * delivered (nothing moves back into the outbox), and a newer verdict replaces an older one (a
 * message D365 failed and then processed once fixed) and may alert again.
 */
export function verdictStatements(db: AnySqliteDb, v: VerdictRecord): Statement[] {
  const count = verdictCount(v);
  const counted = bump(db, count.name, count.labels, count.by);
  if (v.postingId === undefined) return [counted];
  const mark = db
    .update(postings)
    .set({ erpVerdict: v.result, erpVerdictMessage: v.message, erpVerdictAlertedAt: null })
    .where(and(eq(postings.id, v.postingId), eq(postings.state, 'delivered')));
  return [mark, counted];
}

/** Postings an ERP failed whose alert has not gone out yet. */
export function unalertedErpFailures(db: AnySqliteDb): Promise<PostingRow[]> {
  return db
    .select()
    .from(postings)
    .where(and(eq(postings.erpVerdict, 'failed'), isNull(postings.erpVerdictAlertedAt)))
    .orderBy(asc(postings.id))
    .limit(50);
}

export async function markErpVerdictAlerted(db: AnySqliteDb, id: number, at: number): Promise<void> {
  await db.update(postings).set({ erpVerdictAlertedAt: at }).where(and(eq(postings.id, id), eq(postings.erpVerdict, 'failed')));
}
