// The ledger's write path for deliveries: a queue that takes each delivery's commit and resolves
// it once the commit holding it is durable. A ledger that can group does: deliveries arriving
// together share one transaction and one sync to disk, each answered only after that commit
// returned, and a write that fails inside a group takes only its own delivery down.
//
// - SQLite on Node (sqlite-group-commit.ts): one transaction per turn of the event loop, each
//   delivery inside a savepoint, so one that fails rolls back alone and the others commit.
// - PostgreSQL (several bridges on one database): batched-commits.ts — one transaction per
//   group, each delivery alone again when it fails; the key claims' unique index decides races
//   between bridges as between deliveries of one group.
// - D1: each delivery is its own batch(). A group can't be shared across requests: workerd
//   ties every I/O to the request that made it, and a request waiting on a batch another
//   request sent is cancelled as hung (tried; docs/performance.md).
import type { CommitResult, EventCommit, NewDelivery } from './ledger-store.js';

export interface CommitQueue {
  /** As LedgerStore.commitEvent: resolves once the commit holding this delivery is durable. */
  commit(commit: EventCommit): Promise<CommitResult>;
  /** As LedgerStore.recordDelivery (a duplicate, a refusal), in the same groups. */
  record(delivery: NewDelivery): Promise<void>;
}
