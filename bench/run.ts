// npm run bench: drives a bare Hono server and the bridge with the same load (autocannon,
// 32 connections, device-add bodies with unique serials) and prints requests/s, p99 and the
// bridge/bare ratio. Each server runs in its own process; this process only makes load.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import deviceAdd from '../../shared/fixtures/nextplus/device-add.json' with { type: 'json' };

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const TOKEN = 'bench-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'bridge-bench-'));

function startServer(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const port = out.match(/(?:listening |listening on 127\.0\.0\.1:)(\d+)/)?.[1];
      if (port) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume(); // keep draining: the bridge logs a line per request
        resolve({ child, port: Number(port) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function load(url: string, seconds: number) {
  let serial = 0;
  // Fresh ids as well as serials: the fixture's sample ids would mark every request a test.
  const body = () =>
    JSON.stringify({ ...deviceAdd, serial: `SN-${++serial}`, workorderId: `wo-${serial}`, stockId: `st-${serial}`, sessionId: `se-${serial}` });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function measure(name: string, args: string[], env: Record<string, string>, path: string) {
  const { child, port } = await startServer(args, env);
  try {
    const url = `http://127.0.0.1:${port}${path}`;
    await load(url, 2); // warm-up: JIT, SQLite page cache
    const r = await load(url, DURATION);
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
    return { name, ...r };
  } finally {
    child.kill('SIGTERM');
  }
}

const rows = [
  await measure('bare hono', ['bench/bare-server.ts'], {}, '/nextplus/device'),
  await measure('bridge (synchronous=full)', ['src/node.ts'], { INGEST_TOKEN: TOKEN, DATABASE_PATH: join(dir, 'full.db') }, `/nextplus/device?token=${TOKEN}`),
  await measure(
    'bridge (synchronous=normal)',
    ['src/node.ts'],
    { INGEST_TOKEN: TOKEN, DATABASE_PATH: join(dir, 'normal.db'), SQLITE_SYNCHRONOUS: 'normal' },
    `/nextplus/device?token=${TOKEN}`,
  ),
];
rmSync(dir, { recursive: true, force: true });

const bare = rows[0]!.rps;
console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, device-add bodies with unique serials\n`);
console.log('server                        req/s     p99 ms   ratio to bare');
for (const r of rows) {
  console.log(`${r.name.padEnd(28)}${r.rps.toFixed(0).padStart(7)}${String(r.p99).padStart(11)}${(r.rps / bare).toFixed(2).padStart(16)}`);
}
