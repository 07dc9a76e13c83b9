// Group commit on the Node ledger (the CommitQueue of commit-queue.ts). Deliveries whose commits
// arrive in the same turn of the event loop are written in one transaction, so they share one
// sync to disk; each is answered only once that COMMIT has returned. Each delivery runs in its
// own savepoint: one that fails rolls back alone, and the others commit. A delivery whose key
// another delivery holds — in the ledger, or earlier in the same group, which it sees inside the
// transaction — is answered with that holder, as commitEvent always did. If the group itself
// fails (the COMMIT, the counters), each of its deliveries is written again alone, so one bad
// write cannot fail the others.
//
// It stays on the main thread: better-sqlite3 blocks the loop while it writes, but a group of
// 32 costs about as much as one delivery's lone commit did, and a worker thread would copy
// every commit across and back (docs/performance.md has the figures).
import type Database from 'better-sqlite3';
import type { CommitQueue } from './commit-queue.js';
import type { AnySqliteDb } from './drizzle-types.js';
import type { CommitResult, EventCommit, KeyHolder, NewDelivery } from './ledger-store.js';
import { addedUp, labelText, type CounterBump } from './metric-counters.js';
import { sqliteEventWriter, type Written } from './sqlite-event-writer.js';

/** A held key: the savepoint rolls back, the delivery is answered with the holder. */
class KeyHeld extends Error {
  constructor(readonly holder: KeyHolder) {
    super('key held');
  }
}

interface Job {
  work(): Written<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** How many groups committed, and how many writes they held (tests and the bench read these). */
export interface GroupStats {
  groups: number;
  writes: number;
}

export function sqliteGroupCommit(client: Database.Database, db: AnySqliteDb): CommitQueue & { flush(): void; stats: GroupStats } {
  const stats: GroupStats = { groups: 0, writes: 0 };
  const writer = sqliteEventWriter(client, db);
  const bumpCounter = client.prepare(
    'INSERT INTO metric_counters (name, labels, value) VALUES (?, ?, ?) ON CONFLICT (name, labels) DO UPDATE SET value = value + excluded.value',
  );
  // Called inside runGroup, better-sqlite3 makes this a savepoint; outside, a transaction.
  const inSavepoint = client.transaction((work: () => Written<unknown>) => work());
  const runGroup = client.transaction((jobs: Job[]): Outcome[] => {
    const counts: CounterBump[] = [];
    const outcomes = jobs.map((job): Outcome => {
      try {
        const written = inSavepoint(job.work);
        counts.push(...written.counts);
        return { ok: true, value: written.value };
      } catch (err) {
        if (err instanceof KeyHeld) return { ok: true, value: { committed: false, owner: err.holder.delivery, holder: err.holder } satisfies CommitResult };
        return { ok: false, error: err };
      }
    });
    for (const c of addedUp(counts)) bumpCounter.run(c.name, labelText(c.labels), c.by);
    return outcomes;
  });

  let queue: Job[] = [];
  const settle = (job: Job, o: Outcome) => (o.ok ? job.resolve(o.value) : job.reject(o.error));
  function flush() {
    const jobs = queue;
    queue = [];
    if (jobs.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = runGroup(jobs);
    } catch {
      // The group did not commit: nothing of it is in the ledger. Each delivery alone again.
      for (const job of jobs) {
        try {
          settle(job, runGroup([job])[0]!);
        } catch (err) {
          job.reject(err);
        }
      }
      return;
    }
    stats.groups++;
    stats.writes += jobs.length;
    jobs.forEach((job, i) => settle(job, outcomes[i]!));
  }
  function submit<T>(work: () => Written<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // After this turn's I/O callbacks: every delivery read in this turn joins the group.
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  return {
    flush,
    stats,
    commit: (c: EventCommit) =>
      submit(() => {
        const r = writer.commit(c);
        if ('lost' in r) throw new KeyHeld(r.lost);
        return r;
      }),
    record: (d: NewDelivery) => submit(() => writer.record(d)),
  };
}
