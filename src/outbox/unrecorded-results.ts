// Results of sends the ledger could not record (disk full, SQLITE_FULL, a D1 error). The send
// happened; forgetting its result would leave the posting 'sending' — holding its order,
// refusing retry and cancel — until a restart sends it again. So the dispatcher keeps the result
// here and writes it again, with backoff, until the ledger takes it. Meanwhile /readyz says not
// ready and no new send starts (it could not be recorded either). Kept in memory only: if the
// process ends first, the claim lapses with its lease and the posting is sent again.
import type { Clock, Logger } from '../core/runtime.js';
import type { OrderFacts } from '../core/known-order.js';
import type { PostingDraft } from '../store/ledger-store.js';
import type { AttemptRecord, AttemptResult, OutboxStore } from '../store/outbox-store.js';

interface Unrecorded {
  attempt: AttemptRecord;
  result: AttemptResult;
  /** What the send returned for the ledger (follow-up postings, order facts): written with it, or lost with it. */
  extra: { followUps?: PostingDraft[]; facts?: OrderFacts };
  tries: number;
  nextTryAt: number;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export class UnrecordedResults {
  private readonly entries = new Map<number, Unrecorded>();
  /** One write-back at a time: overlapping runs (Workers) must not record one result twice. */
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get count(): number {
    return this.entries.size;
  }

  /** Whether results of sends claimed by `owner` are still waiting to be written. */
  heldBy(owner: string): boolean {
    return [...this.entries.values()].some((e) => e.attempt.owner === owner);
  }

  keep(attempt: AttemptRecord, result: AttemptResult, err: unknown, extra: Unrecorded['extra'] = {}): void {
    this.entries.set(attempt.postingId, { attempt, result, extra, tries: 1, nextTryAt: this.clock.now() + FIRST_RETRY_MS });
    this.logger.error('the ledger did not take a send result; it is kept and written again until the ledger writes', {
      postingId: attempt.postingId,
      target: attempt.target,
      outcome: attempt.outcome,
      error: err instanceof Error ? err.message : String(err),
    });
  }

  /** Writes the results that are due (all of them with `now`), oldest first. */
  flush(all = false): Promise<void> {
    this.flushing ??= this.writeBack(all).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async writeBack(all: boolean): Promise<void> {
    for (const [id, e] of this.entries) {
      if (!all && e.nextTryAt > this.clock.now()) continue;
      try {
        await this.outbox.finishAttempt(e.attempt, e.result, e.extra.followUps, e.extra.facts);
        this.entries.delete(id);
        this.logger.warn('a kept send result was written to the ledger', { postingId: id, tries: e.tries + 1, state: e.result.state });
      } catch {
        e.tries++;
        e.nextTryAt = this.clock.now() + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (e.tries - 1));
        return; // the ledger still does not write: the others would fail the same way
      }
    }
  }

  /** What a stop leaves behind: these postings are sent again at the next start. */
  describe(): { postingId: number; target: string; outcome: string }[] {
    return [...this.entries.values()].map((e) => ({ postingId: e.attempt.postingId, target: e.attempt.target, outcome: e.attempt.outcome }));
  }
}
