// Group commit for a ledger reached over a connection (PostgreSQL): the commits of deliveries
// that arrive together go to the database as one atomic write (one transaction), so they share
// one round trip and one sync. (Not D1: workerd cancels a request that waits on I/O another
// request started.) No savepoints isolate one delivery inside the group, so a group that fails — a key held
// by another delivery, also one earlier in the same group, or any bad write — is written again
// one delivery at a time through the ordinary path, which tells a duplicate from an error as it
// always did. The common case (distinct keys) costs one write; a conflict costs one extra.
import type { CommitQueue } from './commit-queue.js';
import type { AtomicRunner, Statement } from './drizzle-types.js';
import type { CommitResult, EventCommit, NewDelivery } from './ledger-store.js';

/** What a group needs from the store: each delivery's statements, and the write of one alone. */
export interface CommitWriter {
  commitStatements(commit: EventCommit): Statement[];
  recordStatements(delivery: NewDelivery): Statement[];
  commitAlone(commit: EventCommit): Promise<CommitResult>;
  recordAlone(delivery: NewDelivery): Promise<void>;
}

type Job =
  | { kind: 'commit'; commit: EventCommit; resolve(r: CommitResult): void; reject(e: unknown): void }
  | { kind: 'record'; delivery: NewDelivery; resolve(): void; reject(e: unknown): void };

export interface BatchStats {
  groups: number;
  writes: number;
}

/** At most this many deliveries per write: keeps a D1 batch and a transaction short. */
const MAX_GROUP = 32;

export interface BatchOptions {
  /**
   * At most this many groups written at once (default: no limit). Deliveries arriving while
   * they are written wait and form the next group: under load the groups grow instead of the
   * transactions queueing on the same rows (PostgreSQL: the counter row every commit bumps).
   */
  inFlight?: number;
}

export function batchedCommits(writer: CommitWriter, atomic: AtomicRunner, options: BatchOptions = {}): CommitQueue & { stats: BatchStats } {
  const stats: BatchStats = { groups: 0, writes: 0 };
  const limit = options.inFlight ?? Infinity;
  let waiting: Job[] = [];
  let scheduled = false;
  let writing = 0;

  const statementsOf = (job: Job) => (job.kind === 'commit' ? writer.commitStatements(job.commit) : writer.recordStatements(job.delivery));
  const alone = async (job: Job) => {
    try {
      if (job.kind === 'commit') job.resolve(await writer.commitAlone(job.commit));
      else {
        await writer.recordAlone(job.delivery);
        job.resolve();
      }
    } catch (err) {
      job.reject(err);
    }
  };

  async function writeGroup(jobs: Job[]) {
    if (jobs.length === 1) return alone(jobs[0]!);
    try {
      await atomic(jobs.flatMap(statementsOf));
    } catch {
      // Nothing of the group was written: each again alone, in arrival order.
      for (const job of jobs) await alone(job);
      return;
    }
    stats.groups++;
    stats.writes += jobs.length;
    for (const job of jobs) {
      if (job.kind === 'commit') job.resolve({ committed: true });
      else job.resolve();
    }
  }

  function flush() {
    while (waiting.length && writing < limit) {
      const jobs = waiting.splice(0, MAX_GROUP);
      writing++;
      void writeGroup(jobs).finally(() => {
        writing--;
        schedule();
      });
    }
  }

  function schedule() {
    if (scheduled || !waiting.length) return;
    scheduled = true;
    // A timer, not a microtask: requests read in this turn of the event loop join the group.
    setTimeout(() => {
      scheduled = false;
      flush();
    }, 0);
  }

  function submit(job: Job) {
    waiting.push(job);
    schedule();
  }

  return {
    stats,
    commit: (commit) => new Promise<CommitResult>((resolve, reject) => submit({ kind: 'commit', commit, resolve, reject })),
    record: (delivery) => new Promise<void>((resolve, reject) => submit({ kind: 'record', delivery, resolve, reject })),
  };
}
