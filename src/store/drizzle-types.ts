// The types every drizzle store shares: the database (better-sqlite3 on Node, D1 on Workers,
// PostgreSQL through node-postgres; the stores are typed with SQLite's builders, and drizzle
// renders the same queries in PostgreSQL's dialect) and the runtime's way of running a write
// group atomically.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySqliteDb = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;
/**
 * A built, not yet run, drizzle statement: each runtime runs it its own way (better-sqlite3's
 * run(), a D1 batch item, the SQL text and parameters on a PostgreSQL client).
 */
export type Statement = { toSQL(): { sql: string; params: unknown[] } };
/** Runs statements as one atomic write; resolves to the rows each one changed, in order. */
export type AtomicRunner = (statements: Statement[]) => Promise<number[]>;
