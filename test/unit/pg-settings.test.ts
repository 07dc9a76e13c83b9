// Choosing the PostgreSQL ledger: DATABASE_URL and its pool settings, how the ledger is named
// (never with its password), and the one sentence a start without a reachable database ends with.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/bridge-config.js';
import { parseNodeConfig } from '../../src/config/node-config.js';
import { describePgUrl, ledgerName } from '../../src/node/ledger-name.js';
import { openNodeLedger } from '../../src/node/open-ledger.js';
import { StartError } from '../../src/node/start-errors.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseNodeConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

/** A port nothing listens on: bound once, then closed. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('the PostgreSQL ledger setting', () => {
  it('is off by default (SQLite at DATABASE_PATH), on with a postgres:// or postgresql:// DATABASE_URL', () => {
    expect(parseNodeConfig({}).DATABASE_URL).toBeUndefined();
    expect(parseNodeConfig({})).toMatchObject({ DATABASE_POOL_SIZE: 10, DATABASE_STATEMENT_TIMEOUT_MS: 30_000 });
    expect(ledgerName(parseNodeConfig({}))).toBe('./data/bridge.db');
    const pg = parseNodeConfig({ DATABASE_URL: 'postgresql://bridge:s3cret@db.plant:6432/ledger?sslmode=require', DATABASE_POOL_SIZE: '4' });
    expect(pg).toMatchObject({ DATABASE_POOL_SIZE: 4 });
    expect(ledgerName(pg)).toBe('PostgreSQL db.plant:6432/ledger');
    expect(describePgUrl('postgres://u:pw@localhost/bridge')).toBe('localhost:5432/bridge');
  });

  it('names a wrong URL or pool size in words', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://db/ledger', DATABASE_POOL_SIZE: '0' })).toEqual([
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (leave it unset for the SQLite ledger at DATABASE_PATH)',
      'DATABASE_POOL_SIZE: must be at least 1',
    ]);
  });

  it('a database that cannot be reached at start is one sentence naming host, port and database, not the password', async () => {
    const port = await closedPort();
    const config = parseNodeConfig({ DATABASE_URL: `postgres://bridge:s3cret@127.0.0.1:${port}/ledger` });
    const err = await openNodeLedger(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartError);
    expect((err as Error).message).toBe(
      `PostgreSQL at 127.0.0.1:${port}/ledger can't be reached (ECONNREFUSED): check that the server runs and that DATABASE_URL names the right host and port.`,
    );
  });
});
