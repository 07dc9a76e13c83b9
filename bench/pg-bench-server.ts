// The benches' PostgreSQL: PG_BENCH_URL when given, else a server from Debian's `postgresql`
// binaries started the way the test suite starts one (test/postgres/pg-server.ts), but durable
// (fsync and synchronous commit on, as in production: SQLite's rows sync every commit too).
// Each measurement gets a fresh database on it.
import { readFileSync, readdirSync } from 'node:fs';
import { findBin, onServer, startLocalServer, withDatabase } from '../test/postgres/pg-server.js';

export async function startBenchPg() {
  if (process.env.PG_BENCH_URL) return { url: process.env.PG_BENCH_URL, stop() {} };
  const bin = findBin();
  if (!bin) throw new Error('No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: apt-get install postgresql, or set PG_BENCH_URL.');
  return startLocalServer(bin, { durable: true });
}

/** A new, empty database on the server; the bridge migrates it at start. */
export async function freshDatabase(serverUrl: string, name: string) {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  return withDatabase(serverUrl, name);
}

/** CPU seconds all PostgreSQL server processes on this machine have used (Linux /proc). */
export function pgServerCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!/^\d+ \(postgres\)/.test(stat)) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
