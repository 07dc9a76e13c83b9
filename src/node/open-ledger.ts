// The Node bridge's ledger, as the settings choose: the SQLite file at DATABASE_PATH (the
// default: one bridge per file, so its lease is exclusive), or the PostgreSQL database at
// DATABASE_URL, which any number of bridges share (each dispatcher holds its own lease, and
// claims name it: see drizzle-outbox-store.ts's claim).
import type { NodeConfig } from '../config/node-config.js';
import type { drizzleLedger } from '../store/drizzle-ledger.js';
import { openPgLedger } from '../store/pg-database.js';
import { openSqliteLedger } from '../store/sqlite-database.js';
import { refuseIfLedgerHeld } from './ledger-lease.js';
import { describePgUrl, ledgerName } from './ledger-name.js';
import { StartError } from './start-errors.js';

export interface NodeLedger {
  ledger: ReturnType<typeof drizzleLedger>;
  /** What the banner and the logs call it. */
  name: string;
  /** One bridge only (SQLite): a second one refuses to start. */
  exclusive: boolean;
  close(): Promise<void>;
}

export async function openNodeLedger(config: NodeConfig): Promise<NodeLedger> {
  const name = ledgerName(config);
  if (config.DATABASE_URL) {
    const url = config.DATABASE_URL;
    const pg = await openPgLedger(url, { poolSize: config.DATABASE_POOL_SIZE, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS }).catch((err: unknown) => {
      throw new StartError(pgStartProblem(err, describePgUrl(url)));
    });
    return { ledger: pg, name, exclusive: false, close: () => pg.close() };
  }
  const sqlite = openSqliteLedger(config.DATABASE_PATH, {
    synchronous: config.SQLITE_SYNCHRONOUS,
    beforeMigrate: (client) => refuseIfLedgerHeld(client, config.DATABASE_PATH, Date.now()),
  });
  return { ledger: sqlite, name, exclusive: true, close: async () => sqlite.close() };
}

/** Why PostgreSQL could not be used at start, in a sentence naming the server (no password). */
export function pgStartProblem(err: unknown, where: string): string {
  const e = err as { code?: string; message?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `PostgreSQL at ${where} can't be reached (${e.code}): check that the server runs and that DATABASE_URL names the right host and port.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the login (${e.message}): check the user name and password in DATABASE_URL, and the server's pg_hba.conf.`;
    case '3D000':
      return `PostgreSQL at ${where} has no such database: create it (createdb) or correct the database name in DATABASE_URL.`;
    default:
      if (/timeout/i.test(e?.message ?? '')) return `PostgreSQL at ${where} did not answer within 10 s: check that the server runs and that DATABASE_URL names the right host and port.`;
      return `PostgreSQL at ${where} could not be used as the ledger: ${e?.message ?? String(err)}. Check DATABASE_URL and the server.`;
  }
}
