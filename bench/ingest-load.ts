// The load both ingest benchmarks make and how they report it: Debian's wrk (C, event-driven:
// not the bottleneck on two cores) with bench/device-add.lua, 2 threads, 32 connections,
// device-add bodies with unique serials, a 2 s warm-up, then requests/s, p99 and the ratio to
// the bare baseline (the first row). Without wrk (`apt-get install wrk`) it falls back to
// autocannon, which shares the CPU with the servers and says so.
import autocannon from 'autocannon';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  p50: number;
  p99: number;
  /** The server's resident memory at the end of the run, MB. */
  rssMb?: number;
  /** The share of one core the server used while measured: well under 1 with a bare server means the generator (or the shared machine) was the limit. */
  cpu?: number;
}

/** Several loads at once (bench/postgres.ts, one per bridge) each take a share of the connections and their own tag. */
export interface LoadShare {
  connections: number;
  tag: string;
}

async function wrk(url: string, seconds: number, share?: LoadShare) {
  const c = share?.connections ?? CONNECTIONS;
  const tag = share ? ['--', share.tag] : [];
  const { stdout } = await promisify(execFile)('wrk', ['-t2', `-c${c}`, `-d${seconds}s`, '--latency', '-s', 'bench/device-add.lua', url, ...tag]);
  const m = stdout.match(/RESULT rps=([\d.]+) p50=([\d.]+) p99=([\d.]+) errors=(\d+) non2xx=(\d+)/);
  if (!m) throw new Error(`wrk printed no result:\n${stdout}`);
  return { rps: Number(m[1]), p50: Number(m[2]), p99: Number(m[3]), errors: Number(m[4]), non2xx: Number(m[5]) };
}

async function autocannonLoad(url: string, seconds: number, share?: LoadShare) {
  let serial = 0;
  const tag = share?.tag ?? '';
  // Fresh ids as well as serials: the fixture's sample ids would mark every request a test.
  const body = () =>
    JSON.stringify({ ...deviceAdd, serial: `SN-${tag}${++serial}`, workorderId: `wo-${tag}${serial}`, stockId: `st-${tag}${serial}`, sessionId: `se-${tag}${serial}` });
  const result = await autocannon({
    url,
    connections: share?.connections ?? CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

const load = hasWrk ? wrk : autocannonLoad;

/** CPU seconds a process has used (Linux /proc), or undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
  } catch {
    return undefined;
  }
}

function rssMb(pid: number | undefined): number | undefined {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Warms the server up (JIT, page cache), then measures it; any non-2xx answer fails the run. */
export async function measureUrl(name: string, url: string, pid?: number, share?: LoadShare): Promise<Row> {
  await load(url, 2, share);
  const cpu0 = cpuSeconds(pid);
  const r = await load(url, DURATION, share);
  const cpu1 = cpuSeconds(pid);
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  const cpu = cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / DURATION;
  return { name, rps: r.rps, p50: r.p50, p99: r.p99, rssMb: rssMb(pid), cpu };
}

export function printRows(title: string, rows: Row[]) {
  const bare = rows[0]!.rps;
  console.log(`\n${title}, ${LOAD_GENERATOR}, ${CONNECTIONS} connections, ${DURATION} s each, device-add bodies with unique serials\n`);
  console.log('server                              req/s   p50 ms   p99 ms  ratio  p99/bare  RSS MB  CPU (cores)');
  const bareP99 = rows[0]!.p99;
  const fmt = (v: number | undefined, digits: number, width: number) => (v === undefined ? '-' : v.toFixed(digits)).padStart(width);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(34)}${fmt(r.rps, 0, 7)}${fmt(r.p50, 1, 9)}${fmt(r.p99, 1, 9)}${fmt(r.rps / bare, 2, 7)}${fmt(r.p99 / bareP99, 1, 10)}${fmt(r.rssMb, 0, 8)}${fmt(r.cpu, 2, 13)}`,
    );
  }
  const bareCpu = rows[0]!.cpu;
  if (bareCpu !== undefined && bareCpu < 0.9) {
    console.log(`\nThe bare server used ${bareCpu.toFixed(2)} of a core: the load generator (or the shared machine) was the limit, not the server; the ratios understate the bridge's cost.`);
  }
}
