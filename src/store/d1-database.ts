// The Workers ledger: Cloudflare D1 through drizzle's D1 driver, same schema and migrations as
// Node (`wrangler d1 migrations apply` runs drizzle/). D1 has no interactive transactions, so
// each write group the stores build goes to D1 as one batch(), which D1 runs atomically: if
// the idempotency-key insert hits the unique constraint, the event and postings roll back too.
import { drizzle, type AnyD1Database } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzleLedger } from './drizzle-ledger.js';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import * as schema from './schema.js';

export function openD1Ledger(d1: AnyD1Database) {
  const db = drizzle(d1, { schema });
  const atomic = async (statements: Statement[]) => {
    const [first, ...rest] = statements as unknown as BatchItem<'sqlite'>[];
    if (!first) return [];
    // A statement without RETURNING comes back as D1's own result, which counts the rows changed.
    const results = (await db.batch([first, ...rest])) as unknown as { meta?: { changes?: number } }[];
    return results.map((r) => r?.meta?.changes ?? 0);
  };
  const anyDb = db as unknown as AnySqliteDb;
  // Each delivery is its own batch. Deliveries arriving together in one isolate can't share
  // one: workerd ties every I/O to the request that started it, and a request waiting on a
  // batch another request sent is cancelled as hung (measured: docs/performance.md).
  return {
    ...drizzleLedger(anyDb, atomic),
    db: anyDb,
  };
}
