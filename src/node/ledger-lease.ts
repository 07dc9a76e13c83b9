// One Node bridge per ledger file, for sure: the process holds a lease row in the ledger,
// renews it every few seconds and gives it up when it stops. A second bridge started on the
// same file sees the live lease and refuses to start (before listening, before touching any
// posting). On PostgreSQL the lease is not exclusive: every bridge holds its own, its claims
// name it, and a bridge that dies leaves its claims to the others once its lease ends. A lease whose process is gone (same host, pid not running) is dropped at once, so
// a restart after a crash needn't wait for it to expire.
import { hostname } from 'node:os';
import { nanoid } from 'nanoid';
import type { Lease, OutboxStore } from '../store/outbox-store.js';
import { StartError } from './start-errors.js';

const LEASE_TTL_MS = 30_000;
export const LEASE_RENEW_MS = 5_000;

export interface LedgerLease {
  owner: string;
  /** Renews the lease; false when another bridge has taken the ledger over meanwhile. */
  renew(now: number): Promise<boolean>;
  release(): Promise<void>;
  /** When the lease was last renewed. */
  renewedAt(): number;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, just not ours
  }
};

/** A lease that only looks alive: its process on this host is gone (or had our pid). */
const deadHere = (l: Pick<Lease, 'host' | 'pid'>, host: string) => l.host === host && l.pid !== null && (l.pid === process.pid || !isRunning(l.pid));

const heldBy = (holder: Lease | undefined, databasePath: string) =>
  new StartError(
    `Another mes-erp-bridge (${holder ? `pid ${holder.pid} on ${holder.host}, running since ${new Date(holder.startedAt).toISOString()}` : 'another process'}) is using the ledger ${databasePath}. Stop it first (two bridges on one ledger would send postings twice), or give this one its own DATABASE_PATH.`,
  );

type LeaseRow = { owner: string; kind: string; host: string; pid: number | null; started_at: number; expires_at: number };

/**
 * Before the migrations run: a newer bridge must not change the schema under an older one that
 * is still running. Reads the leases table directly (it may not exist yet in an old ledger).
 */
export function refuseIfLedgerHeld(client: { prepare(sql: string): { get(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] } }, databasePath: string, now: number) {
  if (!client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leases'").get()) return;
  const rows = client.prepare("SELECT * FROM leases WHERE kind = 'node' AND expires_at > ?").all(now) as LeaseRow[];
  const live = rows.find((r) => !deadHere(r, hostname()));
  if (live) throw heldBy({ owner: live.owner, kind: live.kind, host: live.host, pid: live.pid, startedAt: live.started_at, expiresAt: live.expires_at }, databasePath);
}

export async function takeLedger(outbox: OutboxStore, databasePath: string, now: number, { exclusive = true } = {}): Promise<LedgerLease> {
  const only = exclusive ? 'node' : undefined;
  const host = hostname();
  // Not yet holding one: a live-looking lease of this host whose process is gone is dropped. A
  // lease with our own pid is a dead predecessor's (in a container, node is PID 1 again after
  // a restart, on the same hostname).
  for (const l of await outbox.liveLeases(now)) if (l.kind === 'node' && deadHere(l, host)) await outbox.releaseLease(l.owner);
  const lease: Lease = { owner: `node-${host}-${process.pid}-${nanoid(6)}`, kind: 'node', host, pid: process.pid, startedAt: now, expiresAt: now + LEASE_TTL_MS };
  if (!(await outbox.holdLease(lease, now, only))) {
    throw heldBy((await outbox.liveLeases(now)).find((l) => l.kind === 'node' && l.owner !== lease.owner), databasePath);
  }
  let renewedAt = now;
  return {
    owner: lease.owner,
    async renew(at) {
      const ok = await outbox.holdLease({ ...lease, expiresAt: at + LEASE_TTL_MS }, at, only);
      if (ok) renewedAt = at;
      return ok;
    },
    release: () => outbox.releaseLease(lease.owner),
    renewedAt: () => renewedAt,
  };
}
