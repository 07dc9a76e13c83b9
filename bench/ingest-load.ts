// The load both ingest benchmarks make and how they report it: autocannon, 32 connections,
// device-add bodies with unique serials, a 2 s warm-up, then requests/s, p99 and the ratio to
// the bare baseline (the first row).
import autocannon from 'autocannon';
import deviceAdd from '../test/fixtures/nextplus/device-add.json' with { type: 'json' };

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 32;

export interface Row {
  name: string;
  rps: number;
  p99: number;
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

/** Warms the server up (JIT, page cache), then measures it; any non-2xx answer fails the run. */
export async function measureUrl(name: string, url: string): Promise<Row> {
  await load(url, 2);
  const r = await load(url, DURATION);
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { name, rps: r.rps, p99: r.p99 };
}

export function printRows(title: string, rows: Row[]) {
  const bare = rows[0]!.rps;
  console.log(`\n${title}, ${CONNECTIONS} connections, ${DURATION} s each, device-add bodies with unique serials\n`);
  console.log('server                        req/s     p99 ms   ratio to bare');
  for (const r of rows) {
    console.log(`${r.name.padEnd(28)}${r.rps.toFixed(0).padStart(7)}${String(r.p99).padStart(11)}${(r.rps / bare).toFixed(2).padStart(16)}`);
  }
}
