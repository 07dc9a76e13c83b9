// Dispatcher leases on drizzle (schema.ts, leases): who is dispatching, until when. The outbox
// store builds on it: a claim names its lease, and only postings whose lease is gone are taken back.
import { asc, eq, gt, sql } from 'drizzle-orm';
import { rawRun } from './dialect.js';
import type { AnySqliteDb } from './drizzle-types.js';
import type { Lease } from './outbox-store.js';
import { leases } from './schema.js';

export class DrizzleLeases {
  constructor(protected readonly db: AnySqliteDb) {}

  async holdLease(lease: Lease, now: number, exclusiveKind?: string) {
    const others = exclusiveKind
      ? sql`NOT EXISTS (SELECT 1 FROM ${leases} WHERE ${leases.kind} = ${exclusiveKind} AND ${leases.owner} <> ${lease.owner} AND ${leases.expiresAt} > ${now})`
      : sql`1 = 1`;
    // One statement, so two processes racing for an exclusive lease can't both win.
    await rawRun(this.db, sql`
      INSERT INTO ${leases} (owner, kind, host, pid, started_at, expires_at)
      SELECT ${lease.owner}, ${lease.kind}, ${lease.host}, ${lease.pid}, ${lease.startedAt}, ${lease.expiresAt} WHERE ${others}
      ON CONFLICT (owner) DO UPDATE SET expires_at = excluded.expires_at`);
    const [mine] = await this.db.select().from(leases).where(eq(leases.owner, lease.owner));
    return mine?.expiresAt === lease.expiresAt;
  }

  async releaseLease(owner: string) {
    await this.db.delete(leases).where(eq(leases.owner, owner));
  }

  async liveLeases(now: number) {
    return this.db.select().from(leases).where(gt(leases.expiresAt, now)).orderBy(asc(leases.startedAt));
  }
}
