// Records send results in groups: sends that finish while a write is being made (or in the same
// turn of the event loop) share the next write, one transaction and one sync to disk (one D1
// batch, one PostgreSQL transaction), instead of one each. A send's slot and lane stay taken
// until its own result is written, so per-lane order is unchanged. A group the ledger refuses
// is written again one result at a time, so one bad result fails only its own send.
import type { AttemptFinish, OutboxStore } from '../store/outbox-store.js';

interface Waiting {
  finish: AttemptFinish;
  done(err?: unknown): void;
}

/** At most this many results per write: a D1 statement binds at most 100 ids. */
const MAX_GROUP = 64;

export class ResultWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly outbox: Pick<OutboxStore, 'finishAttempts'>) {}

  /** Resolves once this result is in the ledger; rejects when the ledger did not take it. */
  write(finish: AttemptFinish): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ finish, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      // A timer, not a microtask: other sends' answers arrive as I/O in this turn of the loop.
      await new Promise((r) => setTimeout(r, 0));
      while (this.waiting.length) await this.writeGroup(this.waiting.splice(0, MAX_GROUP));
    } finally {
      this.writing = false;
    }
  }

  private async writeGroup(group: Waiting[]): Promise<void> {
    try {
      await this.outbox.finishAttempts(group.map((w) => w.finish));
      for (const w of group) w.done();
      return;
    } catch (err) {
      if (group.length === 1) return group[0]!.done(err ?? new Error('the ledger did not record the result'));
    }
    for (const w of group) {
      try {
        await this.outbox.finishAttempts([w.finish]);
        w.done();
      } catch (err) {
        w.done(err ?? new Error('the ledger did not record the result'));
      }
    }
  }
}
