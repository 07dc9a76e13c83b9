// The ledger's write path for deliveries: a queue that takes each delivery's commit and resolves
// it once the commit holding it is durable. A ledger that can group does: deliveries arriving
// together share one transaction and one sync to disk, each answered only after that commit
// returned, and a write that fails inside a group takes only its own delivery down.
//
// - SQLite on Node (sqlite-group-commit.ts): one transaction per turn of the event loop, each
//   delivery inside a savepoint, so one that fails rolls back alone and the others commit.
// - D1 has no savepoints or interactive transactions: deliveries arriving together go as
//   one batch() of all their statements, and when that batch fails, each delivery alone again
//   (so one held key does not fail its neighbours): batched-commits.ts.
// - PostgreSQL (several bridges on one database) can take the same batched-commits.ts (one
//   transaction per group, each alone when it fails) or savepoints as SQLite does; the key
//   claims' unique index decides races between bridges as between deliveries of one group.
import type { CommitResult, EventCommit, NewDelivery } from './ledger-store.js';

export interface CommitQueue {
  /** As LedgerStore.commitEvent: resolves once the commit holding this delivery is durable. */
  commit(commit: EventCommit): Promise<CommitResult>;
  /** As LedgerStore.recordDelivery (a duplicate, a refusal), in the same groups. */
  record(delivery: NewDelivery): Promise<void>;
}
