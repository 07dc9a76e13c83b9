// What the dispatcher, the operator actions and the alerts need from the outbox. Same drizzle
// code on both runtimes; every write group goes through the runtime's atomic runner. Order,
// holds and retries are per (target, ordering key): one target's outage never holds another's.
import type { OrderFacts } from '../core/known-order.js';
import type { PostingDraft } from './ledger-store.js';
import type { OperatorActionRow, PostingAttemptRow, PostingRow, PostingState } from './ledger-rows.js';

export type { OperatorActionRow, PostingAttemptRow, PostingRow, PostingState };

/** A queue the dispatcher may be asked to work on alone: one target's postings of one key. */
/** Postings of one lane are sent one at a time, in order; a failure holds its lane only. */
export interface Lane {
  target: string;
  productionOrder: string;
}

export interface AttemptRecord {
  postingId: number;
  target: string;
  /** Who claimed the posting: the result is recorded only while that claim stands. */
  owner: string;
  startedAt: number;
  finishedAt: number;
  outcome: 'delivered' | 'transient' | 'permanent';
  httpStatus?: number;
  response?: string;
  error?: string;
}

export interface AttemptResult {
  state: 'delivered' | 'queued' | 'failed';
  nextAttemptAt?: number;
  lastError?: string;
}

/** One send's result as the ledger records it (see OutboxStore.finishAttempts). */
export interface AttemptFinish {
  attempt: AttemptRecord;
  result: AttemptResult;
  followUps?: PostingDraft[];
  facts?: OrderFacts;
}

export interface OperatorAction {
  actor: string;
  at: number;
}

/** A dispatcher's claim on the outbox: who, where, and until when it counts as alive. */
export interface Lease {
  owner: string;
  /** node | worker: a Node process holds its ledger; Worker runs come and go. */
  kind: string;
  host: string;
  pid: number | null;
  startedAt: number;
  expiresAt: number;
}

export interface OutboxStore {
  /** Postings left 'sending' by a dispatcher whose lease is gone go back to the queue. */
  requeueOrphaned(now: number): Promise<number>;
  /** Marks queued postings behind a failed one of the same lane as held. */
  labelHolds(now: number): Promise<void>;
  /** The oldest unfinished posting of each lane, where it is queued and due (of these lanes / targets only). */
  dueHeads(now: number, limit: number, scope?: { lanes?: Lane[]; targets?: string[] }): Promise<PostingRow[]>;
  /** queued -> sending, claimed by `owner`; undefined when someone else took it first. */
  claim(id: number, now: number, owner: string): Promise<PostingRow | undefined>;
  /** The same for several postings in one write: those still queued, claimed by `owner`. */
  claimMany(ids: number[], now: number, owner: string): Promise<PostingRow[]>;
  /**
   * Records an attempt and its result; a failure holds the lane's later postings. `followUps`
   * (postings planned from what a delivered send returned) are written in the same atomic write,
   * filed under the posting's delivery, and only when this claim's result is the one recorded;
   * so are `facts` (the routes read, the MES order made: src/core/known-order.ts).
   */
  finishAttempt(attempt: AttemptRecord, result: AttemptResult, followUps?: PostingDraft[], facts?: OrderFacts): Promise<void>;
  /** Several sends' results (each as finishAttempt) in one atomic write: all are recorded, or none. */
  finishAttempts(finishes: AttemptFinish[]): Promise<void>;
  /**
   * A tiny real write (readiness): a read says the ledger answers, not that it can record a
   * send's result. Overwrites one row, so it costs one row written and never grows the ledger.
   */
  probeWrite(now: number): Promise<void>;
  getPosting(id: number): Promise<PostingRow | undefined>;
  attemptsOf(postingId: number): Promise<PostingAttemptRow[]>;
  actionsOf(target: { postingId?: number; deliveryId?: string }): Promise<OperatorActionRow[]>;
  /** Moves a posting to `to` if it is in one of `from`, records the action, re-evaluates holds. */
  transition(id: number, from: PostingState[], to: 'queued' | 'cancelled', action: OperatorAction & { name: string }): Promise<boolean>;
  /** The same for many postings (an action per posting moved); how many moved. */
  transitionMany(ids: number[], from: PostingState[], to: 'queued' | 'cancelled', action: OperatorAction & { name: string }): Promise<number>;
  /**
   * Postings for a delivery that had none (a duplicate posted anyway), with the action: how many
   * were written (a conditional one may not be), 0 when the delivery had postings already.
   */
  addPostings(deliveryId: string, drafts: PostingDraft[], action: OperatorAction & { name: string }): Promise<number>;
  /** Failed postings whose lane has been held since before `failedBefore`, not yet alerted. */
  longHeld(failedBefore: number): Promise<PostingRow[]>;
  markHeldAlerted(id: number, at: number): Promise<void>;
  /** Delivered postings the ERP failed afterwards (its verdict read back) whose alert is still to go out. */
  unalertedErpFailures(): Promise<PostingRow[]>;
  markErpVerdictAlerted(id: number, at: number): Promise<void>;
  /** Replaces a failed posting's content, recording before and after. */
  editContent(id: number, content: string, action: OperatorAction): Promise<boolean>;

  /** Takes or renews `lease.owner`'s lease; false when `exclusiveKind` is held by another live owner. */
  holdLease(lease: Lease, now: number, exclusiveKind?: string): Promise<boolean>;
  /** Ends a lease: one's own at a stop, or another owner's whose process is known to be gone. */
  releaseLease(owner: string): Promise<void>;
  /** Leases unexpired at `now`. */
  liveLeases(now: number): Promise<Lease[]>;
}
