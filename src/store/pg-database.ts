// The PostgreSQL ledger (DATABASE_URL=postgres://…): node-postgres's pool under drizzle's
// node-postgres driver, the same stores as SQLite and D1 (drizzle renders their queries in
// PostgreSQL's dialect), migrations from drizzle/pg applied at start. Several bridges may share
// one database: the unique indexes decide races between them as they do within one bridge.
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchedCommits } from './batched-commits.js';
import { drizzleLedger } from './drizzle-ledger.js';
import { countersLast } from './pg-counter-bumps.js';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import * as schema from './schema.js';
import { describePgUrl, translatingUnavailable } from './pg-unavailable.js';

export const pgMigrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle/pg');

/** Any 64-bit number: the advisory lock every bridge takes to migrate, one at a time. */
const MIGRATION_LOCK = 4_201_775_310;
const INT8 = 20;
const NUMERIC = 1700;

export interface PgOptions {
  poolSize?: number;
  /** A query running longer is cancelled by the server (a stuck lock, a runaway scan). */
  statementTimeoutMs?: number;
}

/**
 * int8 (times in ms, counters, ids, count(*)) and numeric (sum()) as JS numbers, for this
 * pool only: pg's global parsers stay as they are for any other user of pg in the process.
 * Numbers here stay far below 2^53 (ms since 1970, row counts).
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * drizzle's node-postgres driver gives each query its own type parsers, which fall back to pg's
 * global ones, not the pool's: queries through this pool get the pool's again.
 */
class NumberPool extends pg.Pool {
  override query(...args: unknown[]) {
    const [config] = args;
    if (config && typeof config === 'object' && 'text' in config) args[0] = { ...config, types };
    return (super.query as (...a: unknown[]) => unknown)(...args) as never;
  }
}

export async function openPgLedger(url: string, options: PgOptions = {}) {
  // sslmode (require, verify-full, …) and the rest come from the URL: pg reads them there.
  const pool = new NumberPool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // A server that doesn't answer at all (a firewall dropping packets) fails a write in 10 s
    // instead of holding the delivery until the sender gives up.
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle client losing its connection (the server restarted) must not end the process: the
  // pool drops it, and the next query opens a new connection.
  pool.on('error', () => {});
  try {
    await migrateLocked(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const db = drizzle(pool, { schema });
  const atomic = async (statements: Statement[]) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out client has no listener of the pool's: its connection dropping mid-transaction
    // (the server stopped) would be an unhandled 'error' that ends the process. The query rejects
    // anyway (a 503 to the sender); the client is thrown away.
    const lost = (err: Error) => (broken = err);
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const changed: number[] = new Array<number>(statements.length).fill(0);
      for (const q of countersLast(statements)) {
        const rows = (await client.query(q.sql, q.params)).rowCount ?? 0;
        for (const i of q.of) changed[i] = rows;
      }
      await client.query('COMMIT');
      return changed;
    } catch (err) {
      // A connection that can't even roll back is thrown away, not handed to the next write.
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  };
  const anyDb = db as unknown as AnySqliteDb;
  const where = describePgUrl(url);
  // Deliveries that arrive together share one transaction, so one round trip and one WAL flush
  // (the sync to disk that limits a durable server); a group that fails is written again one
  // delivery at a time. Measured in docs/performance.md ("PostgreSQL").
  let grouped: ReturnType<typeof batchedCommits> | undefined;
  const stores = drizzleLedger(anyDb, atomic, (writer) => (grouped = batchedCommits(writer, atomic, { inFlight: 1 })));
  return {
    ...(Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, translatingUnavailable(store, where)])) as typeof stores),
    db: anyDb,
    pool,
    groupCommit: grouped!.stats,
    close: () => pool.end(),
  };
}

/** Bridges starting together migrate one after the other; the later ones find nothing to do. */
async function migrateLocked(pool: NumberPool) {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: pgMigrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
