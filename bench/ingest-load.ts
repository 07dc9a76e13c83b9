// The load both ingest benchmarks make and how they report it: Debian's wrk (C, event-driven:
// not the bottleneck on two cores) with bench/device-add.lua, 2 threads, 32 connections,
// device-add bodies with unique serials, a 2 s warm-up, then requests/s, p99 and the ratio to
// the bare baseline (the first row). Without wrk (`apt-get install wrk`) it falls back to
// autocannon, which shares the CPU with the servers and says so.
import autocannon from 'autocannon';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import deviceAdd from '../test/fixtures/nextplus/device-add.json' with { type: 'json' };

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 32;

const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status === 1; // wrk --version exits 1 after printing
  }
})();
export const LOAD_GENERATOR = hasWrk ? 'wrk (2 threads)' : 'autocannon (in Node: shares the CPU; install wrk for a fairer run)';

export interface Row {
  name: string;
  rps: number;
  p99: number;
}

async function wrk(url: string, seconds: number) {
  const { stdout } = await promisify(execFile)('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', 'bench/device-add.lua', url]);
  const m = stdout.match(/RESULT rps=([\d.]+) p50=([\d.]+) p99=([\d.]+) errors=(\d+) non2xx=(\d+)/);
  if (!m) throw new Error(`wrk printed no result:\n${stdout}`);
  return { rps: Number(m[1]), p99: Number(m[3]), errors: Number(m[4]), non2xx: Number(m[5]) };
}

async function autocannonLoad(url: string, seconds: number) {
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

const load = hasWrk ? wrk : autocannonLoad;

/** Warms the server up (JIT, page cache), then measures it; any non-2xx answer fails the run. */
export async function measureUrl(name: string, url: string): Promise<Row> {
  await load(url, 2);
  const r = await load(url, DURATION);
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { name, rps: r.rps, p99: r.p99 };
}

export function printRows(title: string, rows: Row[]) {
  const bare = rows[0]!.rps;
  console.log(`\n${title}, ${LOAD_GENERATOR}, ${CONNECTIONS} connections, ${DURATION} s each, device-add bodies with unique serials\n`);
  console.log('server                        req/s     p99 ms   ratio to bare');
  for (const r of rows) {
    console.log(`${r.name.padEnd(28)}${r.rps.toFixed(0).padStart(7)}${r.p99.toFixed(1).padStart(11)}${(r.rps / bare).toFixed(2).padStart(16)}`);
  }
}
