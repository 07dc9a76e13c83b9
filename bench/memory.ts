// npm run bench:memory: the built bridge (node dist/node.js, default durable mode, journal
// target) under the bench's load (wrk, 32 connections, device-add bodies with unique serials) for
// BENCH_MINUTES (default 5), its RSS sampled every 10 s. Memory must level off, not grow with
// the ledger or the number of requests served.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import buildBridge from '../test/node/build-once.js';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 5);
const TOKEN = 'bench-token-0123456789abcdef';
const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;

buildBridge();
const dir = mkdtempSync(join(tmpdir(), 'bridge-memory-'));
const child = spawn(process.execPath, ['dist/node.js'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', INGEST_TOKEN: TOKEN, LOG_REQUESTS: 'false', DATABASE_PATH: join(dir, 'bridge.db') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c;
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', (code) => reject(new Error(`bridge exited with ${code}: ${out}`)));
});
const url = `http://127.0.0.1:${port}/nextplus/device?token=${TOKEN}`;
const load = promisify(execFile)('wrk', ['-t2', '-c32', `-d${MINUTES * 60}s`, '--latency', '-s', 'bench/device-add.lua', url], { maxBuffer: 1 << 20 });
const samples: { s: number; mb: number }[] = [];
const started = Date.now();
const timer = setInterval(() => samples.push({ s: Math.round((Date.now() - started) / 1000), mb: rssMb(child.pid!) }), 10_000);
const { stdout } = await load;
clearInterval(timer);
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });

const result = /RESULT rps=([\d.]+) p50=([\d.]+) p99=([\d.]+) errors=(\d+) non2xx=(\d+)/.exec(stdout);
console.log(`bridge under wrk -c32 for ${MINUTES} min: ${result ? `${Math.round(Number(result[1]))} req/s, p99 ${result[3]} ms, ${result[4]} errors, ${result[5]} non-2xx` : stdout}`);
console.log('RSS MB every 10 s: ' + samples.map((x) => x.mb.toFixed(0)).join(' '));
const third = Math.max(1, Math.floor(samples.length / 3));
const avg = (xs: { mb: number }[]) => xs.reduce((a, x) => a + x.mb, 0) / xs.length;
console.log(`first third ${avg(samples.slice(0, third)).toFixed(0)} MB, last third ${avg(samples.slice(-third)).toFixed(0)} MB, peak ${Math.max(...samples.map((x) => x.mb)).toFixed(0)} MB`);
