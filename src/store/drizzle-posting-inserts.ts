// The postings of a delivery's commit, as drizzle statements of its atomic write. One may be
// conditional: written only while its lane holds no live posting of some message types (D365's
// automatic Start: an order is started once). The INSERT itself decides, inside the delivery's
// atomic write, never a read before it: two deliveries of one never-started order, committed
// together (one group commit, one D1 batch) or by two instances one after the other, see each
// other's Start, so exactly one is written, and it comes first in its lane.
import { and, eq, getTableColumns, inArray, isNull, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { lockLane, newRowId } from './dialect.js';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import type { PostingDraft } from './ledger-rows.js';
import { deliveries, postings } from './schema.js';

type PostingValues = Partial<Record<keyof typeof postings.$inferInsert, unknown>>;

/**
 * Whether the lane (target, ordering key) holds a live posting of `types`: an original (not a
 * reversal) that was not dropped together with its reversal before it was sent. One an operator
 * cancelled counts (they said the order needs no such message, e.g. it was started in D365 by hand).
 */
export function laneHas(db: AnySqliteDb, target: string, orderingKey: string, types: readonly string[]): SQL {
  const held = alias(postings, 'lane_posting');
  const undoing = alias(postings, 'lane_undoing');
  // A reversal is in its original's lane: looked up there (by the lane's index), not in all postings.
  const reversed = db
    .select({ one: sql`1` })
    .from(undoing)
    .where(and(eq(undoing.target, held.target), eq(undoing.orderingKey, held.orderingKey), eq(undoing.reversesPostingId, held.id)));
  const live = db
    .select({ one: sql`1` })
    .from(held)
    .where(
      and(
        eq(held.target, target),
        eq(held.orderingKey, orderingKey),
        inArray(held.messageType, [...types]),
        isNull(held.reversesPostingId),
        or(ne(held.state, 'cancelled'), notExists(reversed)),
      ),
    );
  return sql`exists ${live}`;
}

/**
 * INSERT … SELECT of one posting row, from the delivery written earlier in the same write, only
 * while its lane holds no live posting of `types`. The row is listed column by column in the
 * table's order, as drizzle's insert-from-select takes it.
 */
export function insertPostingUnlessLaneHas(db: AnySqliteDb, deliveryId: string, row: PostingValues, types: readonly string[]): Statement {
  const fields: Record<string, SQL> = {};
  for (const [name, column] of Object.entries(getTableColumns(postings))) {
    const value = row[name as keyof PostingValues] ?? column.default ?? null;
    // The id: numbered by the database (SQLite takes null, PostgreSQL the serial's next value).
    fields[name] = name === 'id' && value === null ? newRowId(db, 'postings') : sql`${value}`;
  }
  const target = String(row.target);
  const orderingKey = String(row.orderingKey);
  const unlessStarted = db
    .select(fields)
    .from(deliveries)
    .where(and(eq(deliveries.id, deliveryId), sql`not ${laneHas(db, target, orderingKey, types)}`));
  return db.insert(postings).select(unlessStarted as never);
}

/** The drafts' rows in draft order, so ids keep it: runs of plain rows in one insert each, a conditional one on its own. */
export function postingInserts(db: AnySqliteDb, deliveryId: string, now: number, drafts: PostingDraft[]): Statement[] {
  const rows = drafts.map((p) => ({
    deliveryId,
    target: p.target,
    orderingKey: p.productionOrder,
    productionOrder: p.productionOrder,
    messageType: p.messageType,
    content: JSON.stringify(p.content),
    // Decided inside the write: the dispatcher may have taken the original meanwhile.
    state:
      p.reversesPostingId === undefined
        ? p.state
        : sql`CASE WHEN (SELECT state FROM postings WHERE id = ${p.reversesPostingId}) = 'cancelled' THEN 'cancelled' ELSE ${p.state} END`,
    reversesPostingId: p.reversesPostingId ?? null,
    createdAt: now,
    updatedAt: now,
    deliveredAt: p.state === 'delivered' ? now : null,
  }));
  const statements: Statement[] = [];
  for (let i = 0; i < rows.length; ) {
    const only = drafts[i]!.unlessLaneHas;
    if (only) {
      statements.push(...lockLane(db, rows[i]!.target, rows[i]!.orderingKey), insertPostingUnlessLaneHas(db, deliveryId, rows[i]!, only));
      i++;
      continue;
    }
    let end = i;
    while (end < rows.length && !drafts[end]!.unlessLaneHas) end++;
    statements.push(db.insert(postings).values(rows.slice(i, end)));
    i = end;
  }
  return statements;
}
