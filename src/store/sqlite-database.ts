// Node's ledger: an embedded SQLite file through better-sqlite3, migrated on open.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzleLedger } from './drizzle-ledger.js';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import { sqliteGroupCommit } from './sqlite-group-commit.js';
import { createOwnerOnlyFile } from './owner-only-file.js';
import * as schema from './schema.js';

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface SqliteOptions {
  /** 'full' fsyncs every commit: an answered event survives a power cut. 'normal' is faster. */
  synchronous?: 'full' | 'normal';
  /** Runs on the open database before the migrations (the Node start checks for another bridge). */
  beforeMigrate?: (client: Database.Database) => void;
}

export function openSqliteLedger(path: string, options: SqliteOptions = {}) {
  // A new ledger (and so its -wal and -shm) is readable by its owner only: it holds the tokens.
  if (path !== ':memory:' && path !== '') createOwnerOnlyFile(path);
  const client = new Database(path);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${options.synchronous ?? 'full'}`);
  client.pragma('busy_timeout = 5000');
  cacheStatements(client);
  const db = drizzle(client, { schema });
  try {
    options.beforeMigrate?.(client);
  } catch (err) {
    client.close();
    throw err;
  }
  migrate(db, { migrationsFolder });
  const atomic = async (statements: Statement[]) =>
    client.transaction(() => statements.map((s) => (s as unknown as { run(): Database.RunResult }).run().changes))();
  const anyDb = db as unknown as AnySqliteDb;
  const group = sqliteGroupCommit(client, anyDb);
  return {
    ...drizzleLedger(anyDb, atomic, group),
    db,
    client,
    groupCommit: group.stats,
    // Deliveries waiting for their group are written before the file closes.
    close: () => {
      group.flush();
      client.close();
    },
  };
}

/**
 * drizzle asks better-sqlite3 to prepare every query anew; preparing is most of a small
 * query's cost. The same SQL text gets the same compiled statement back (bounded, since
 * multi-row inserts vary in text). raw(false) undoes drizzle's raw() from a previous use.
 */
function cacheStatements(client: Database.Database, limit = 256) {
  const cache = new Map<string, Database.Statement>();
  const prepare = client.prepare.bind(client);
  client.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size < limit) cache.set(sql, stmt);
    }
    return stmt.reader ? stmt.raw(false) : stmt;
  }) as typeof client.prepare;
}
