// The outbox on drizzle. Per-lane FIFO lives in dueHeads: only the oldest unfinished posting
// of a (target, ordering key) lane may be sent, so a failed one blocks its lane and nothing else.
import { and, asc, eq, exists, gt, inArray, isNotNull, isNull, lt, lte, notExists, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AnySqliteDb, AtomicRunner, Statement } from './drizzle-types.js';
import type { PostingDraft } from './ledger-store.js';
import { addedUp, bump, deliveredOnWrite, type CounterBump } from './metric-counters.js';
import { DrizzleLeases } from './drizzle-lease-store.js';
import { lockRows, newRowId } from './dialect.js';
import { healthAfterAttempt } from './drizzle-health.js';
import type { AttemptFinish, AttemptRecord, AttemptResult, Lane, OperatorAction, OutboxStore, PostingRow, PostingState } from './outbox-store.js';
import { leases, operatorActions, postingAttempts, postings, settings } from './schema.js';
import { postingInserts } from './drizzle-posting-inserts.js';
import { latencyBucket } from './send-latency.js';
import type { OrderFacts } from '../core/known-order.js';
import { orderFactStatements } from './drizzle-known-orders.js';
import { markErpVerdictAlerted, unalertedErpFailures } from './drizzle-erp-verdicts.js';

const UNFINISHED: PostingState[] = ['queued', 'sending', 'failed', 'held'];
/** Posting ids per write: D1 binds at most 100 parameters in one statement. */
const IDS_PER_WRITE = 80;

/** Attempt rows per insert: D1 binds at most 100 parameters in one statement (9 columns a row). */
const ATTEMPTS_PER_INSERT = 10;

/** What one attempt counts (/metrics): attempts by result, send time, delivered postings. */
function attemptCounts({ attempt: a, result: r }: AttemptFinish): CounterBump[] {
  const ms = Math.max(0, a.finishedAt - a.startedAt);
  const counts: CounterBump[] = [
    { name: 'delivery_attempts', labels: { target: a.target, result: a.outcome }, by: 1 },
    { name: 'send_duration_ms_sum', labels: { target: a.target }, by: ms },
    { name: 'send_duration_bucket', labels: { target: a.target, le: latencyBucket(a.finishedAt - a.startedAt) }, by: 1 },
  ];
  if (r.state === 'delivered') counts.push({ name: 'postings_delivered', labels: { target: a.target }, by: 1 });
  return counts;
}


/**
 * The attempts whose health update matters, in order: a delivery's update sets the whole row,
 * so one followed by another delivery of the same target (nothing else of that target between)
 * changes nothing and is left out. Failures each count (consecutive failures).
 */
function healthOnce(finishes: AttemptFinish[]): AttemptFinish[] {
  const kept: AttemptFinish[] = [];
  const laterDelivered = new Set<string>();
  for (let i = finishes.length - 1; i >= 0; i--) {
    const f = finishes[i]!;
    const delivered = f.attempt.outcome === 'delivered';
    if (delivered && laterDelivered.has(f.attempt.target)) continue;
    kept.push(f);
    if (delivered) laterDelivered.add(f.attempt.target);
    else laterDelivered.delete(f.attempt.target);
  }
  return kept.reverse();
}

/** Postings (the table, or an alias of it) in `lane`. */
const sameLane = (t: { target: AnyColumn; orderingKey: AnyColumn }, lane: Lane) => and(eq(t.target, lane.target), eq(t.orderingKey, lane.productionOrder));

export class DrizzleOutboxStore extends DrizzleLeases implements OutboxStore {
  constructor(
    db: AnySqliteDb,
    private readonly atomic: AtomicRunner,
  ) {
    super(db);
  }

  async requeueOrphaned(now: number) {
    const live = this.db.select({ owner: leases.owner }).from(leases).where(gt(leases.expiresAt, now));
    const rows = await this.db
      .update(postings)
      .set({ state: 'queued', claimedBy: null, updatedAt: now })
      .where(and(eq(postings.state, 'sending'), or(isNull(postings.claimedBy), sql`${postings.claimedBy} NOT IN ${live}`)))
      .returning({ id: postings.id });
    return rows.length;
  }

  async labelHolds(now: number) {
    const failed = alias(postings, 'failed');
    await this.db
      .update(postings)
      .set({ state: 'held', updatedAt: now })
      .where(
        and(
          eq(postings.state, 'queued'),
          exists(
            this.db
              .select({ one: sql`1` })
              .from(failed)
              .where(and(eq(failed.state, 'failed'), eq(failed.target, postings.target), eq(failed.orderingKey, postings.orderingKey))),
          ),
        ),
      );
  }

  async dueHeads(now: number, limit: number, { lanes, targets }: { lanes?: Lane[]; targets?: string[] } = {}) {
    const inLanes: SQL | undefined = lanes?.length ? or(...lanes.map((l) => sameLane(postings, l))) : undefined;
    const ofTargets: SQL | undefined = targets ? inArray(postings.target, targets) : undefined;
    // Queued postings, oldest first (the state + created_at index), that no unfinished posting
    // of their lane precedes: each is probed on the state + lane index, and the walk stops at
    // `limit`. Grouping every unfinished posting by lane instead cost a read of the whole
    // backlog at every refill.
    const earlier = alias(postings, 'earlier');
    const ahead = this.db
      .select({ one: sql`1` })
      .from(earlier)
      .where(and(inArray(earlier.state, UNFINISHED), eq(earlier.target, postings.target), eq(earlier.orderingKey, postings.orderingKey), lt(earlier.id, postings.id)));
    return this.db
      .select()
      .from(postings)
      .where(and(eq(postings.state, 'queued'), or(isNull(postings.nextAttemptAt), lte(postings.nextAttemptAt, now)), inLanes, ofTargets, notExists(ahead)))
      .orderBy(asc(postings.createdAt), asc(postings.id))
      .limit(limit);
  }

  /**
   * Safe with several dispatchers on one database (bridges sharing a PostgreSQL ledger, overlapping
   * Worker runs): of two that read the same head from dueHeads, the second's UPDATE waits for the
   * first's row lock and, under READ COMMITTED, checks `state = 'queued'` again on the row as
   * committed — it finds 'sending' and claims nothing. A lane whose head is 'sending' offers no
   * head at all (dueHeads takes each lane's oldest unfinished posting, and only when it is
   * queued), so no second dispatcher works it until that send is finished: one at a time, in order.
   */
  async claim(id: number, now: number, owner: string) {
    return (await this.claimMany([id], now, owner))[0];
  }

  async claimMany(ids: number[], now: number, owner: string) {
    if (ids.length === 0) return [];
    // One write for a run's refill: a posting another dispatcher claimed meanwhile is no longer
    // queued, and the re-checked WHERE leaves it out (also under PostgreSQL's READ COMMITTED).
    const rows = await this.db
      .update(postings)
      .set({
        state: 'sending',
        claimedBy: owner,
        updatedAt: now,
        attempts: sql`${postings.attempts} + 1`,
        firstAttemptAt: sql`coalesce(${postings.firstAttemptAt}, ${now})`,
      })
      .where(and(inArray(postings.id, ids), eq(postings.state, 'queued')))
      .returning();
    return rows.sort((a, b) => a.id - b.id);
  }

  async finishAttempt(attempt: AttemptRecord, result: AttemptResult, followUps: PostingDraft[] = [], facts?: OrderFacts) {
    await this.finishAttempts([{ attempt, result, followUps, facts }]);
  }

  async finishAttempts(finishes: AttemptFinish[]) {
    if (finishes.length === 0) return;
    // Sends that finished together are recorded in one write (one sync to disk, one D1 batch):
    // their attempts in multi-row inserts, each posting's own update, and the counters and the
    // target's health added up once per group instead of once per send.
    const needRow = finishes.filter((f) => f.result.state === 'failed' || (f.result.state === 'delivered' && f.facts)).map((f) => f.attempt.postingId);
    const rows = needRow.length ? await this.db.select().from(postings).where(inArray(postings.id, needRow)) : [];
    const byId = new Map(rows.map((p) => [p.id, p]));
    const statements: Statement[] = [];
    for (let i = 0; i < finishes.length; i += ATTEMPTS_PER_INSERT) {
      statements.push(this.db.insert(postingAttempts).values(finishes.slice(i, i + ATTEMPTS_PER_INSERT).map(({ attempt: { target, owner, ...attempt } }) => attempt)));
    }
    for (const f of finishes) statements.push(...this.attemptStatements(f, byId.get(f.attempt.postingId)));
    statements.push(...addedUp(finishes.flatMap(attemptCounts)).map((c) => bump(this.db, c.name, c.labels, c.by)));
    statements.push(...healthOnce(finishes).map((f) => healthAfterAttempt(this.db, f.attempt, f.result)));
    await this.atomic(statements);
  }

  private attemptStatements({ attempt: a, result: r, followUps = [], facts }: AttemptFinish, posting: PostingRow | undefined): Statement[] {
    const { owner } = a;
    const statements: Statement[] = [
      this.db
        .update(postings)
        .set({
          state: r.state,
          claimedBy: null,
          updatedAt: a.finishedAt,
          nextAttemptAt: r.nextAttemptAt ?? null,
          lastError: r.state === 'delivered' ? null : (r.lastError ?? null),
          deliveredAt: r.state === 'delivered' ? a.finishedAt : null,
        })
        // A result written late (kept while the ledger did not write) must not overwrite a
        // claim taken since: only the claim it belongs to is finished.
        .where(and(eq(postings.id, a.postingId), eq(postings.state, 'sending'), eq(postings.claimedBy, owner))),
    ];
    if (r.state === 'delivered' && followUps.length) statements.push(...this.followUpStatements(a, followUps));
    if (r.state === 'delivered' && facts && posting) statements.push(...orderFactStatements(this.db, facts, posting, a.finishedAt));
    if (r.state === 'failed' && posting) {
      statements.push(
        this.db
          .update(postings)
          .set({ state: 'held', updatedAt: a.finishedAt })
          .where(and(sameLane(postings, posting), eq(postings.state, 'queued'), gt(postings.id, a.postingId))),
      );
    }
    return statements;
  }

  /**
   * The follow-up postings, each inserted only if the update above recorded this claim's result
   * (the posting is delivered at exactly this attempt's end): a result written late for a claim
   * taken since adds nothing.
   */
  private followUpStatements(a: AttemptRecord, drafts: PostingDraft[]): Statement[] {
    const recorded = and(eq(postings.id, a.postingId), eq(postings.state, 'delivered'), eq(postings.deliveredAt, a.finishedAt));
    const now = a.finishedAt;
    const rows = drafts.map((p) =>
      this.db.insert(postings).select(
        this.db
          .select({
            id: sql<number>`${newRowId(this.db, 'postings')}`.as('id'),
            deliveryId: postings.deliveryId,
            target: sql<string>`${p.target}`.as('target'),
            orderingKey: sql<string>`${p.productionOrder}`.as('ordering_key'),
            productionOrder: sql<string>`${p.productionOrder}`.as('production_order'),
            messageType: sql<string>`${p.messageType}`.as('message_type'),
            content: sql<string>`${JSON.stringify(p.content)}`.as('content'),
            state: sql<string>`${p.state}`.as('state'),
            claimedBy: sql<null>`null`.as('claimed_by'),
            reversesPostingId: sql<null>`null`.as('reverses_posting_id'),
            createdAt: sql<number>`${now}`.as('created_at'),
            updatedAt: sql<number>`${now}`.as('updated_at'),
            attempts: sql<number>`0`.as('attempts'),
            firstAttemptAt: sql<null>`null`.as('first_attempt_at'),
            nextAttemptAt: sql<null>`null`.as('next_attempt_at'),
            lastError: sql<null>`null`.as('last_error'),
            deliveredAt: sql<number | null>`${p.state === 'delivered' ? now : null}`.as('delivered_at'),
            heldAlertedAt: sql<null>`null`.as('held_alerted_at'),
            erpVerdict: sql<null>`null`.as('erp_verdict'),
            erpVerdictMessage: sql<null>`null`.as('erp_verdict_message'),
            erpVerdictAlertedAt: sql<null>`null`.as('erp_verdict_alerted_at'),
          })
          .from(postings)
          .where(recorded),
      ),
    );
    return [...rows, ...deliveredOnWrite(this.db, drafts)];
  }

  async probeWrite(now: number) {
    // A real row write, not BEGIN IMMEDIATE + ROLLBACK: that takes the write lock without
    // needing a single free page, so it passes on a full disk. The value changes every time,
    // so it is never a no-op; one row, overwritten, so it costs nothing over time.
    const value = String(now);
    await this.db.insert(settings).values({ key: 'readiness_probe', value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  }

  async getPosting(id: number) {
    return (await this.db.select().from(postings).where(eq(postings.id, id)).limit(1))[0];
  }

  async attemptsOf(postingId: number) {
    return this.db.select().from(postingAttempts).where(eq(postingAttempts.postingId, postingId)).orderBy(asc(postingAttempts.id));
  }

  async actionsOf(target: { postingId?: number; deliveryId?: string }) {
    const where = target.postingId !== undefined ? eq(operatorActions.postingId, target.postingId) : eq(operatorActions.deliveryId, target.deliveryId ?? '');
    return this.db.select().from(operatorActions).where(where).orderBy(asc(operatorActions.id));
  }

  async transition(id: number, from: PostingState[], to: 'queued' | 'cancelled', action: OperatorAction & { name: string }) {
    return (await this.transitionMany([id], from, to, action)) === 1;
  }

  async transitionMany(ids: number[], from: PostingState[], to: 'queued' | 'cancelled', action: OperatorAction & { name: string }) {
    let moved = 0;
    // D1 binds at most 100 parameters per statement: ids go in slices that leave room for the rest.
    for (let i = 0; i < ids.length; i += IDS_PER_WRITE) moved += await this.transitionSlice(ids.slice(i, i + IDS_PER_WRITE), from, to, action);
    return moved;
  }

  private async transitionSlice(ids: number[], from: PostingState[], to: 'queued' | 'cancelled', action: OperatorAction & { name: string }) {
    if (ids.length === 0) return 0;
    // Decided inside the one atomic write, not by a read before it: of concurrent identical
    // actions (an operator's double click, a script's retries) exactly one moves a posting and
    // is recorded. A queued posting is only worth re-queueing while it waits out a backoff: one
    // already due now has nothing to retry.
    const movable = or(
      inArray(postings.state, from.filter((s) => s !== 'queued' || to !== 'queued')),
      from.includes('queued') && to === 'queued' ? and(eq(postings.state, 'queued'), isNotNull(postings.nextAttemptAt)) : undefined,
    );
    const fits = and(inArray(postings.id, ids), movable);
    // Decided on rows as committed, on PostgreSQL too: a concurrent action waits for this one.
    const lock = lockRows(this.db, postings, postings.id, inArray(postings.id, ids));
    const changed = await this.atomic([
      ...lock,
      // One operator action per posting moved, each with who and when.
      this.db.insert(operatorActions).select(
        this.db
          .select({
            id: sql<number>`${newRowId(this.db, 'operator_actions')}`.as('id'),
            at: sql<number>`${action.at}`.as('at'),
            actor: sql<string>`${action.actor}`.as('actor'),
            action: sql<string>`${action.name}`.as('action'),
            postingId: postings.id,
            deliveryId: postings.deliveryId,
            detail: sql<string>`null`.as('detail'),
          })
          .from(postings)
          .where(fits),
      ),
      this.db
        .update(postings)
        // A retried or re-queued posting starts a new retry horizon and is due at once.
        .set({ state: to, updatedAt: action.at, nextAttemptAt: null, heldAlertedAt: null, ...(to === 'queued' ? { firstAttemptAt: null } : {}) })
        .where(fits),
      this.releaseHolds(ids, action.at),
    ]);
    return changed[lock.length] ?? 0;
  }

  async editContent(id: number, content: string, action: OperatorAction) {
    const posting = await this.getPosting(id);
    if (!posting || posting.state !== 'failed') return false;
    await this.atomic([
      this.db.update(postings).set({ content, updatedAt: action.at }).where(and(eq(postings.id, id), eq(postings.state, 'failed'))),
      this.db.insert(operatorActions).values({
        at: action.at,
        actor: action.actor,
        action: 'edit',
        postingId: id,
        deliveryId: posting.deliveryId,
        detail: JSON.stringify({ before: JSON.parse(posting.content), after: JSON.parse(content) }),
      }),
    ]);
    return true;
  }

  async addPostings(deliveryId: string, drafts: PostingDraft[], action: OperatorAction & { name: string }) {
    const [first] = await this.db.select({ id: postings.id }).from(postings).where(eq(postings.deliveryId, deliveryId)).limit(1);
    if (first || drafts.length === 0) return 0;
    // The same inserts as a delivery's commit: an automatic D365 Start only where the order has none.
    const inserts = postingInserts(this.db, deliveryId, action.at, drafts);
    const changed = await this.atomic([
      ...inserts,
      this.db.insert(operatorActions).values({ at: action.at, actor: action.actor, action: action.name, deliveryId }),
      ...deliveredOnWrite(this.db, drafts),
    ]);
    return changed.slice(0, inserts.length).reduce((a, b) => a + b, 0);
  }

  async longHeld(failedBefore: number) {
    return this.db
      .select()
      .from(postings)
      .where(and(eq(postings.state, 'failed'), lte(postings.updatedAt, failedBefore), isNull(postings.heldAlertedAt)))
      .orderBy(asc(postings.id))
      .limit(50);
  }

  async markHeldAlerted(id: number, at: number) {
    await this.db.update(postings).set({ heldAlertedAt: at }).where(eq(postings.id, id));
  }

  unalertedErpFailures() {
    return unalertedErpFailures(this.db);
  }

  markErpVerdictAlerted(id: number, at: number) {
    return markErpVerdictAlerted(this.db, id, at);
  }

  /** Held postings of these postings' lanes go back to the queue once their lane has no failed posting left. */
  private releaseHolds(ids: number[], now: number): Statement {
    const failed = alias(postings, 'failed');
    const acted = alias(postings, 'acted');
    return this.db
      .update(postings)
      .set({ state: 'queued', updatedAt: now })
      .where(
        and(
          eq(postings.state, 'held'),
          exists(this.db.select({ one: sql`1` }).from(acted).where(and(inArray(acted.id, ids), eq(acted.target, postings.target), eq(acted.orderingKey, postings.orderingKey)))),
          notExists(this.db.select({ one: sql`1` }).from(failed).where(and(eq(failed.target, postings.target), eq(failed.orderingKey, postings.orderingKey), eq(failed.state, 'failed')))),
        ),
      );
  }
}
