// npm run bench:postgres: the ingest load of `npm run bench` (bench/ingest-load.ts: wrk, 32
// connections, device-add bodies with unique serials) on a bare Hono server, one bridge on
// SQLite, one bridge on PostgreSQL and two bridges on one PostgreSQL database (two wrk processes
// at once, 16 connections each, their req/s summed); then the dispatcher's postings/s to a fake
// D365 that answers at once with one and three bridges on one database (bench/pg-dispatch.ts).
// The PostgreSQL server is durable and on this machine (bench/pg-bench-server.ts): its CPU is
// shared with the bridges and the load generator, and printed beside theirs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import buildBridge from '../test/node/build-once.js';
import { DURATION, measureUrl, printRows, type Row } from './ingest-load.js';
import { freshDatabase, pgServerCpuSeconds, startBenchPg } from './pg-bench-server.js';
import { runPgDispatch } from './pg-dispatch.js';
import { startServer, stopServer } from './start-server.js';

const TOKEN = 'bench-token-0123456789abcdef';
const PATH = `/nextplus/device?token=${TOKEN}`;
const base = { INGEST_TOKEN: TOKEN, LOG_REQUESTS: 'false' };
const dir = mkdtempSync(join(tmpdir(), 'bridge-bench-pg-'));
const pgCpu: string[] = [];

/** n bridges with the same settings, each loaded by its own share of the connections at once. */
async function measureBridges(name: string, n: number, env: Record<string, string>, onPg: boolean): Promise<Row> {
  const servers = await Promise.all(Array.from({ length: n }, () => startServer(['dist/node.js'], { ...base, ...env })));
  const cpu0 = pgServerCpuSeconds();
  try {
    const share = n > 1 ? (i: number) => ({ connections: 32 / n, tag: `b${i}` }) : () => undefined;
    const rows = await Promise.all(servers.map((s, i) => measureUrl(`${name} #${i}`, `http://127.0.0.1:${s.port}${PATH}`, s.child.pid, share(i))));
    if (onPg) pgCpu.push(`${name}: PostgreSQL server ${((pgServerCpuSeconds() - cpu0) / (DURATION + 2)).toFixed(2)} of a core`);
    const sum = (f: (r: Row) => number | undefined) => rows.reduce((a, r) => a + (f(r) ?? 0), 0);
    return { name, rps: sum((r) => r.rps), p50: Math.max(...rows.map((r) => r.p50)), p99: Math.max(...rows.map((r) => r.p99)), rssMb: sum((r) => r.rssMb), cpu: sum((r) => r.cpu) };
  } finally {
    await Promise.all(servers.map((s) => stopServer(s.child)));
  }
}

buildBridge();
const pg = await startBenchPg();
try {
  const bare = await startServer(['bench/bare-server.ts'], {});
  const rows = [await measureUrl('bare hono', `http://127.0.0.1:${bare.port}/nextplus/device`, bare.child.pid)];
  await stopServer(bare.child);
  rows.push(await measureBridges('1 bridge, SQLite (full)', 1, { DATABASE_PATH: join(dir, 'full.db') }, false));
  rows.push(await measureBridges('1 bridge, PostgreSQL', 1, { DATABASE_URL: await freshDatabase(pg.url, 'bench_one') }, true));
  rows.push(await measureBridges('2 bridges, one PostgreSQL (sum)', 2, { DATABASE_URL: await freshDatabase(pg.url, 'bench_two') }, true));
  printRows('Node, PostgreSQL on this machine', rows);
  console.log(`\n${pgCpu.join('\n')}\n(RSS and CPU of two bridges: summed; p50/p99: the higher of the two.)\n`);

  const instances = (process.env.BENCH_INSTANCES ?? '1,3').split(',').map(Number).filter((n) => n > 0); // BENCH_INSTANCES=0: ingest only
  for (const n of instances) {
    const r = await runPgDispatch(pg.url, n);
    console.log(
      `${n} bridge(s) dispatching, DISPATCH_CONCURRENCY=${r.slots} each: ${r.sent} postings in ${r.seconds.toFixed(1)} s = ${Math.round(r.perSecond)} postings/s; ` +
        `bridges ${r.bridgeCpu.toFixed(2)} (their start included), PostgreSQL ${r.pgCpu.toFixed(2)} of a core; fake received ${r.received}, out of order ${r.outOfOrder}, sent twice ${r.received - r.sent}`,
    );
  }
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
