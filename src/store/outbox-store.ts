// What the dispatcher and the admin API need from the outbox. Same drizzle code on both
// runtimes; every write group goes through the runtime's atomic runner.
import type { NewPosting } from './ledger-store.js';
import type { OperatorActionRow, PostingAttemptRow, PostingRow } from './schema.js';

export type { OperatorActionRow, PostingAttemptRow, PostingRow };

export type PostingState = 'queued' | 'sending' | 'delivered' | 'failed' | 'held' | 'cancelled';

export interface AttemptRecord {
  postingId: number;
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

export interface OperatorAction {
  actor: string;
  at: number;
}

export interface OutboxStore {
  /** Postings left in 'sending' by a stop mid-send (before `before`) go back to the queue. */
  requeueInterrupted(before: number, now: number): Promise<void>;
  /** Marks queued postings behind a failed one of the same production order as held. */
  labelHolds(now: number): Promise<void>;
  /** The oldest unfinished posting of each production order, where it is queued and due. */
  dueHeads(now: number, limit: number, orders?: string[]): Promise<PostingRow[]>;
  /** queued -> sending; undefined when someone else took it first. */
  claim(id: number, now: number): Promise<PostingRow | undefined>;
  /** Records an attempt and its result; a failure holds the order's later postings. */
  finishAttempt(attempt: AttemptRecord, result: AttemptResult): Promise<void>;
  getPosting(id: number): Promise<PostingRow | undefined>;
  attemptsOf(postingId: number): Promise<PostingAttemptRow[]>;
  actionsOf(target: { postingId?: number; deliveryId?: string }): Promise<OperatorActionRow[]>;
  /** Moves a posting to `to` if it is in one of `from`, records the action, re-evaluates holds. */
  transition(id: number, from: PostingState[], to: 'queued' | 'cancelled', action: OperatorAction & { name: string }): Promise<boolean>;
  /** Postings for a delivery that had none (a duplicate posted anyway), with the action. */
  addPostings(deliveryId: string, drafts: NewPosting[], state: 'queued' | 'delivered', action: OperatorAction & { name: string }): Promise<boolean>;
  /** Failed postings whose order has been held since before `failedBefore`, not yet alerted. */
  longHeld(failedBefore: number): Promise<PostingRow[]>;
  markHeldAlerted(id: number, at: number): Promise<void>;
  /** Replaces a failed posting's content, recording before and after. */
  editContent(id: number, content: string, action: OperatorAction): Promise<boolean>;
}
