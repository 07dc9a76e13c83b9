// The PostgreSQL suite's server (vitest globalSetup): PG_TEST_URL when given, else a real server
// from Debian's `postgresql` binaries, initdb'd into a temp folder, started on a free port and
// deleted at the end. Without either, the suite's files skip and one line says why. A ledger
// template is migrated once; each harness gets its own database copied from it.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPgLedger } from '../../src/store/pg-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL (a database name is appended), or '' when there is none. */
    pgServerUrl: string;
    /** The migrated ledger each test's database is copied from. */
    pgTemplate: string;
    /** Why the PostgreSQL cases are skipped, when they are. */
    pgSkipReason: string;
  }
}

// Its own name per run: two runs on one PG_TEST_URL server don't share it.
const TEMPLATE = `bridge_template_${process.pid}`;

export function findBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asServerUser(bin: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A server of its own in a temp folder, on a free port. `halt` (pg_ctl stop -m fast) and
 * `resume` (started again on the same port and data) are for the test that stops the database
 * mid-run: it starts a server of its own, so the suite's server stays up for the other files.
 * durable: fsync and synchronous commit on, as a production server runs (the bench).
 */
export async function startLocalServer(bin: string, { durable = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // Durability off for tests: their data is thrown away anyway, and fsyncs would slow every test.
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast} -c max_connections=200`;
  const pgCtl = (...args: string[]) => asServerUser(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = () => pgCtl('-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start');
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    halt: () => pgCtl('-m', 'fast', '-w', 'stop'),
    resume: start,
    stop() {
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The server URL with another database in its path. */
export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function onServer(serverUrl: string, statement: string) {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

async function makeTemplate(serverUrl: string) {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await onServer(serverUrl, `CREATE DATABASE ${TEMPLATE}`);
  const ledger = await openPgLedger(withDatabase(serverUrl, TEMPLATE), { poolSize: 1 });
  await ledger.close();
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.PG_TEST_URL ?? '';
  let stop: (() => void) | undefined;
  let skip = '';
  if (!serverUrl) {
    const bin = findBin();
    if (bin) {
      const server = await startLocalServer(bin);
      serverUrl = server.url;
      stop = server.stop;
    } else {
      skip = 'PostgreSQL cases skipped: no PG_TEST_URL and no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql).';
      console.log(skip);
    }
  }
  if (serverUrl) {
    try {
      await makeTemplate(serverUrl);
    } catch (err) {
      stop?.();
      throw err;
    }
  }
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', TEMPLATE);
  project.provide('pgSkipReason', skip);
  return async () => {
    if (stop) return stop();
    if (serverUrl) await onServer(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  };
}
