// The vif_mos table (schema.ts): the VIF MOs the bridge polls and what it last reported of each.
// A change in quantityDone is written as pending before it is ingested and moved to
// quantity_done after: a crash in between re-ingests the same change (same key: a duplicate),
// never a larger one that would count the produced quantity twice.
import { and, asc, eq, exists, gte, isNotNull, lte, notInArray, sql } from 'drizzle-orm';
import { jsonText } from './dialect.js';
import type { AnySqliteDb } from './drizzle-types.js';
import { postings, vifMos } from './schema.js';

export type VifMoRow = typeof vifMos.$inferSelect;

/** States after which an MO is polled no more (GONE: VIF has it no longer). */
const DONE = ['FINISHED', 'GONE'];

export class DrizzleVifMos {
  constructor(private readonly db: AnySqliteDb) {}

  /** Takes in every MO a delivered UpsertMo posting made that is not known yet. */
  async enrol(): Promise<void> {
    const moNb = jsonText(this.db, postings.content, 'moNb');
    await this.db
      .insert(vifMos)
      .select(
        this.db
          .select({
            moNb: sql<string>`${moNb}`.as('mo_nb'),
            productionOrder: postings.productionOrder,
            state: sql<string>`'AWAITING'`.as('state'),
            quantityDone: sql<number>`0`.as('quantity_done'),
            pendingDone: sql<null>`null`.as('pending_done'),
            polledAt: sql<number>`0`.as('polled_at'),
          })
          .from(postings)
          .where(and(eq(postings.target, 'vif'), eq(postings.messageType, 'UpsertMo'), eq(postings.state, 'delivered'), sql`${moNb} IS NOT NULL`)),
      )
      .onConflictDoNothing();
    // An order withdrawn (its MO disabled: GONE) and released again has a new MO under the same
    // number, made after the poll found the old one gone: polled again from the start.
    const madeAgain = this.db
      .select({ one: sql`1` })
      .from(postings)
      .where(and(eq(postings.target, 'vif'), eq(postings.messageType, 'UpsertMo'), eq(postings.state, 'delivered'), eq(postings.productionOrder, vifMos.productionOrder), gte(postings.deliveredAt, vifMos.polledAt)));
    await this.db.update(vifMos).set({ state: 'AWAITING', quantityDone: 0, pendingDone: null, polledAt: 0 }).where(and(eq(vifMos.state, 'GONE'), exists(madeAgain)));
  }

  /** The MOs not finished and not polled for `everyMs`, longest waiting first. */
  due(now: number, everyMs: number, limit: number): Promise<VifMoRow[]> {
    return this.db.select().from(vifMos).where(and(notInArray(vifMos.state, DONE), lte(vifMos.polledAt, now - everyMs))).orderBy(asc(vifMos.polledAt)).limit(limit);
  }

  async update(moNb: string, change: Partial<Pick<VifMoRow, 'state' | 'quantityDone' | 'pendingDone' | 'polledAt'>>): Promise<void> {
    await this.db.update(vifMos).set(change).where(eq(vifMos.moNb, moNb));
  }

  /** MOs with a produced quantity written but perhaps not ingested (a crash in between). */
  pending(): Promise<VifMoRow[]> {
    return this.db.select().from(vifMos).where(isNotNull(vifMos.pendingDone));
  }
}
