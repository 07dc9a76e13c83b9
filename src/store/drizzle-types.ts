// The types every drizzle store shares: the database (better-sqlite3 on Node, D1 on Workers,
// both SQLite dialects) and the runtime's way of running a write group atomically.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySqliteDb = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;
/** A built, not yet run, drizzle statement. */
export type Statement = { run(): unknown };
/** Runs statements as one atomic write; resolves to the rows each one changed, in order. */
export type AtomicRunner = (statements: Statement[]) => Promise<number[]>;
