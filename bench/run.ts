// npm run bench: drives a bare Hono server and the built bridge (node dist/node.js, as
// production runs it) with the same load (bench/ingest-load.ts: wrk, 32 connections, device-add
// bodies with unique serials) and prints requests/s, p50/p99, the bridge/bare ratio, RSS and the
// CPU each server used. Each server runs in its own process. Then the same load on a ledger that
// already holds BENCH_LEDGER_EVENTS events (default a million; 0 skips it): the idempotency
// check must cost the same at any ledger size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import buildBridge from '../test/node/build-once.js';
import { fillLedger } from './fill-ledger.js';
import { measureUrl, printRows } from './ingest-load.js';
import { startServer } from './start-server.js';

const TOKEN = 'bench-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'bridge-bench-'));

async function measure(name: string, args: string[], env: Record<string, string>, path: string) {
  const { child, port } = await startServer(args, env);
  try {
    return await measureUrl(name, `http://127.0.0.1:${port}${path}`, child.pid);
  } finally {
    child.kill('SIGTERM');
  }
}

buildBridge();
const base = { INGEST_TOKEN: TOKEN, LOG_REQUESTS: 'false' };
const rows = [
  await measure('bare hono', ['bench/bare-server.ts'], {}, '/nextplus/device'),
  await measure('bridge (synchronous=full)', ['dist/node.js'], { ...base, DATABASE_PATH: join(dir, 'full.db') }, `/nextplus/device?token=${TOKEN}`),
  await measure('bridge (synchronous=normal)', ['dist/node.js'], { ...base, DATABASE_PATH: join(dir, 'normal.db'), SQLITE_SYNCHRONOUS: 'normal' }, `/nextplus/device?token=${TOKEN}`),
];
const FILLED = Number(process.env.BENCH_LEDGER_EVENTS ?? 1_000_000);
if (FILLED > 0) {
  const t = performance.now();
  fillLedger(join(dir, 'filled.db'), FILLED);
  console.log(`filled a ledger with ${FILLED.toLocaleString()} events in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const label = `bridge (full, ${FILLED >= 1e6 ? `${FILLED / 1e6}M` : FILLED.toLocaleString()} in ledger)`;
  rows.push(await measure(label, ['dist/node.js'], { ...base, DATABASE_PATH: join(dir, 'filled.db') }, `/nextplus/device?token=${TOKEN}`));
  const ratio = rows.at(-1)!.rps / rows[1]!.rps;
  console.log(`full ledger against empty (synchronous=full): ${ratio.toFixed(2)}x (${ratio >= 0.9 ? 'within' : 'NOT within'} 10%)`);
}
rmSync(dir, { recursive: true, force: true });

printRows('Node', rows);
