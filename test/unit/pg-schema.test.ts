// The PostgreSQL tables (pg-schema.ts, for drizzle-kit) must match the SQLite ones the stores
// query through (schema.ts) on every database: same tables, columns, nullability, defaults,
// primary keys and indexes. A column added to one and not the other fails here.
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { SQL, is } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as pg from '../../src/store/pg-schema.js';
import * as sqlite from '../../src/store/schema.js';

type Shape = {
  name: string;
  columns: string[];
  primaryKey: string[];
  indexes: string[];
};

const dialect = new PgDialect();
const where = (w: unknown) => (is(w, SQL) ? dialect.sqlToQuery(w).sql : '');
const defaultOf = (d: unknown) => (d === undefined ? '' : is(d, SQL) ? dialect.sqlToQuery(d).sql : JSON.stringify(d));

function shape(cfg: {
  name: string;
  columns: { name: string; notNull: boolean; primary: boolean; default?: unknown }[];
  primaryKeys: { columns: { name: string }[] }[];
  indexes: { config: { name: string; columns: unknown[]; unique: boolean; where?: unknown } }[];
}): Shape {
  return {
    name: cfg.name,
    columns: cfg.columns.map((c) => `${c.name} ${c.notNull ? 'not null' : 'null'} default=${defaultOf(c.default)}`).sort(),
    primaryKey: [...cfg.columns.filter((c) => c.primary).map((c) => c.name), ...cfg.primaryKeys.flatMap((k) => k.columns.map((c) => c.name))],
    indexes: cfg.indexes
      .map((i) => `${i.config.name}(${i.config.columns.map((c) => (c as { name: string }).name).join(',')})${i.config.unique ? ' unique' : ''} ${where(i.config.where)}`)
      .sort(),
  };
}

const tables = <T>(mod: Record<string, unknown>, kind: abstract new (...a: never[]) => T) => Object.values(mod).filter((v): v is T => v instanceof kind);

describe('the PostgreSQL schema', () => {
  it('has the SQLite tables, column for column, with the same keys and indexes', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lite = tables(sqlite, SQLiteTable).map((t) => shape(sqliteConfig(t as any) as never));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const post = tables(pg, PgTable).map((t) => shape(pgConfig(t as any) as never));
    const byName = (a: Shape, b: Shape) => a.name.localeCompare(b.name);
    expect(post.sort(byName)).toEqual(lite.sort(byName));
  });
});
