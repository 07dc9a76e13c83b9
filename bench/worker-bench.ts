// npm run bench:worker: the bridge in local workerd (wrangler dev, local D1) against a bare Hono
// Worker in the same workerd, same load as npm run bench (autocannon, device-add bodies with
// unique serials). Local D1 is SQLite inside workerd: absolute numbers say little about
// Cloudflare's network, the ratio says what the bridge's own work costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureUrl, printRows } from './ingest-load.js';

const TOKEN = 'bench-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'bridge-worker-bench-'));
const wrangler = join('node_modules', '.bin', 'wrangler');

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(wrangler, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')} exited with ${code}`))));
  });
}

function startDev(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(wrangler, ['dev', '--port', String(port), '--ip', '127.0.0.1', '--log-level', 'warn', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true' },
    detached: true,
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        resolve(child);
      } catch {
        if (Date.now() > deadline) reject(new Error('wrangler dev did not start'));
        else setTimeout(poll, 300);
      }
    };
    child.on('exit', (code) => reject(new Error(`wrangler dev exited with ${code}`)));
    void poll();
  });
}

async function measure(name: string, start: () => Promise<ChildProcess>, url: string) {
  const child = await start();
  try {
    return await measureUrl(name, url);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}

const persist = join(dir, 'state');
await run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
const rows = [
  await measure('bare hono worker', () => startDev(['-c', 'bench/wrangler-bare.toml'], 8791), 'http://127.0.0.1:8791/nextplus/device'),
  await measure(
    'bridge worker (local D1)',
    () => startDev(['--persist-to', persist, '--var', `INGEST_TOKEN:${TOKEN}`, '--var', `ADMIN_TOKEN:${TOKEN}`], 8792),
    `http://127.0.0.1:8792/nextplus/device?token=${TOKEN}`,
  ),
];
rmSync(dir, { recursive: true, force: true });

printRows('workerd via wrangler dev', rows);
