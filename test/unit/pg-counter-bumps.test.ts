// A PostgreSQL transaction's counter bumps go last, summed per row and in one order
// (src/store/pg-counter-bumps.ts), each statement keeping its row count at its own index.
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import { bump } from '../../src/store/metric-counters.js';
import type { AnySqliteDb, Statement } from '../../src/store/drizzle-types.js';
import { countersLast } from '../../src/store/pg-counter-bumps.js';
import * as schema from '../../src/store/schema.js';

// Statements rendered in PostgreSQL's dialect, as pg-database.ts renders them (never sent).
const db = drizzlePg({ connection: 'postgres://unused@127.0.0.1:1/none', schema }) as unknown as AnySqliteDb;
const other = (sql: string): Statement => ({ toSQL: () => ({ sql, params: [] }) });

describe('countersLast', () => {
  it('moves the bumps after the rest, adds up those of one row and sorts the rows', () => {
    const statements = [
      bump(db, 'deliveries_received', { source: 'nextplus', outcome: 'accepted' }),
      other('insert into deliveries 1'),
      bump(db, 'postings_delivered', { target: 'journal' }, 2),
      bump(db, 'deliveries_received', { source: 'nextplus', outcome: 'accepted' }),
      other('insert into deliveries 2'),
    ];
    const queries = countersLast(statements);
    expect(queries.map((q) => q.sql.slice(0, 24))).toEqual(['insert into deliveries 1', 'insert into deliveries 2', 'insert into "metric_coun', 'insert into "metric_coun']);
    expect(queries.map((q) => q.of)).toEqual([[1], [4], [0, 3], [2]]);
    expect(queries[2]!.params).toEqual(['deliveries_received', 'source=nextplus,outcome=accepted', 2]);
    expect(queries[3]!.params).toEqual(['postings_delivered', 'target=journal', 2]);
  });

  it('leaves a transaction without bumps as it is', () => {
    const queries = countersLast([other('a'), other('b')]);
    expect(queries.map((q) => [q.sql, q.of])).toEqual([['a', [0]], ['b', [1]]]);
  });
});
