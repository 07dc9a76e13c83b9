// The ledger's stores on one drizzle database. Node and Workers differ only in the
// database handle and in how a write group is made atomic, so both build their ledger here.
import type { CommitWriter } from './batched-commits.js';
import type { CommitQueue } from './commit-queue.js';
import { DrizzleHealthStore } from './drizzle-health.js';
import { DrizzleOutboxStore } from './drizzle-outbox-store.js';
import { DrizzleLedgerQueries } from './drizzle-queries.js';
import { DrizzleRetentionStore } from './drizzle-retention-store.js';
import { DrizzleLedgerStore } from './drizzle-store.js';
import { DrizzleVifMos } from './drizzle-vif-mos.js';
import type { AnySqliteDb, AtomicRunner } from './drizzle-types.js';

export function drizzleLedger(db: AnySqliteDb, atomic: AtomicRunner, queue?: CommitQueue | ((writer: CommitWriter) => CommitQueue)) {
  return {
    store: new DrizzleLedgerStore(db, atomic, queue),
    outbox: new DrizzleOutboxStore(db, atomic),
    queries: new DrizzleLedgerQueries(db),
    retention: new DrizzleRetentionStore(db, atomic),
    health: new DrizzleHealthStore(db),
    vifMos: new DrizzleVifMos(db),
  };
}
