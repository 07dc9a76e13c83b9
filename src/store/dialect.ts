// The few places where SQLite (better-sqlite3, D1) and PostgreSQL need different SQL, so the
// stores stay one drizzle code base. drizzle renders builder queries in each database's own
// dialect; only raw SQL and what the two databases spell differently pass through here.
import { entityKind, sql, type AnyColumn, type SQL, type Table } from 'drizzle-orm';
import type { AnySqliteDb, Statement } from './drizzle-types.js';

/**
 * The database is PostgreSQL. Told by the dialect's class name, not by importing pg-core's
 * class: the Workers bundle never loads PostgreSQL's code.
 */
export function isPostgres(db: AnySqliteDb): boolean {
  const dialect = (db as unknown as { dialect?: { constructor: Record<symbol, unknown> } }).dialect;
  return dialect?.constructor[entityKind] === 'PgDialect';
}

type PgLike = { execute(query: SQL): Promise<{ rows: unknown[] }> };

/** The rows of a raw SQL query. */
export async function rawRows<T>(db: AnySqliteDb, query: SQL): Promise<T[]> {
  if (isPostgres(db)) return (await (db as unknown as PgLike).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** Runs a raw SQL write. */
export async function rawRun(db: AnySqliteDb, query: SQL): Promise<void> {
  if (isPostgres(db)) await (db as unknown as PgLike).execute(query);
  else await db.run(query);
}

/**
 * A new row's id in an INSERT … SELECT, which names every column: SQLite numbers a null
 * INTEGER PRIMARY KEY itself; PostgreSQL refuses null and takes the serial's next value.
 */
export function newRowId(db: AnySqliteDb, table: string): SQL {
  return isPostgres(db) ? sql`nextval(pg_get_serial_sequence(${table}, 'id'))` : sql`null`;
}

/** One text field of a JSON text column. */
export function jsonText(db: AnySqliteDb, column: AnyColumn, field: string): SQL {
  return isPostgres(db) ? sql`(${column}::json ->> ${field})` : sql`json_extract(${column}, ${`$.${field}`})`;
}

/**
 * Statements to put first in a write group that decides on rows by reading them (an INSERT …
 * SELECT, then an UPDATE of the same rows). PostgreSQL: lock them, so a concurrent group waits
 * for this one and then reads them as committed (READ COMMITTED reads anew per statement);
 * without it both would read the old rows and both record an action. SQLite (and D1) run one
 * write group at a time: nothing to add.
 */
export function lockRows(db: AnySqliteDb, table: Table, id: AnyColumn, where: SQL | undefined): Statement[] {
  if (!isPostgres(db)) return [];
  // In id order: two groups locking overlapping rows wait for each other, never deadlock.
  const query = sql`SELECT ${id} FROM ${table} WHERE ${where ?? sql`true`} ORDER BY ${id} FOR UPDATE`;
  const dialect = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  return [{ toSQL: () => dialect.sqlToQuery(query) }];
}

/**
 * A statement to put before a write that checks a lane for a posting and inserts one only if
 * there is none (a conditional INSERT … SELECT). PostgreSQL: a transaction-long advisory lock on
 * the lane, so two bridges' writes for one lane take turns, and the second reads the first's
 * posting as committed; there is no row to lock while none exists. SQLite and D1 write one group
 * at a time: nothing to add.
 */
export function lockLane(db: AnySqliteDb, target: string, orderingKey: string): Statement[] {
  if (!isPostgres(db)) return [];
  const query = sql`SELECT pg_advisory_xact_lock(hashtext(${`lane:${target}:${orderingKey}`}))`;
  const dialect = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  return [{ toSQL: () => dialect.sqlToQuery(query) }];
}
