// npm run soak [-- --minutes N] [-- --rate R]: the built bridge (dist/node.js, built first)
// against the fake D365 over HTTP for N minutes (default 5) at R events/s
// (default 50): device / item-attach / operation adds over many production orders, removes of
// earlier ones, repeats of earlier bodies and bad bodies; meanwhile ERP outages (503 for
// 20-40 s, a burst of 429 with Retry-After) and bridge restarts (SIGKILL and SIGTERM in turn).
// Then it waits for the outbox to drain and reports what was acknowledged, delivered, lost and
// sent twice, ingest latency, the bridge's peak memory, restarts and the fake's violations.
// Exits non-zero if anything acknowledged was lost, the fake saw a violation, or D365 got more
// repeats than there were sends in flight at the stops.
// The parts are in bench/soak/: the MES load, the chaos schedule, the bridge process, the
// reckoning and the report; this file runs them in turn and waits for the drain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import buildBridge from '../test/node/build-once.js';
import { serveFakeD365 } from '../test/node/fake-d365-server.js';
import { postingsInState, settle, sleep } from '../test/support/fault-tools.js';
import { freePort, soakBridge } from './soak/bridge-process.js';
import { chaosSchedule } from './soak/chaos.js';
import { startClock } from './soak/clock.js';
import { mesLoad } from './soak/mes-load.js';
import { reckon } from './soak/reckoning.js';
import { printReport } from './soak/report.js';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, rate: { type: 'string', default: '50' } } });
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
if (!(MINUTES > 0) || !(RATE > 0)) {
  console.error('usage: npm run soak -- [--minutes N] [--rate EVENTS_PER_SECOND]');
  process.exit(2);
}
// The soak runs the built bridge, as production does: built now, so it is never a stale build.
buildBridge();

const ORDERS = 150;
const TOKEN = 'soak-ingest-token-0123456789';

// ---- the fake ERP and the bridge ----

const dir = mkdtempSync(join(tmpdir(), 'bridge-soak-'));
const db = join(dir, 'soak.db');
const served = await serveFakeD365();
const fake = served.fake;
fake.latencyMs = 15; // sends take a while, so some are in flight at each kill
const port = await freePort();
const env = {
  ...fake.env({ ERP_TARGETS: 'd365', RETRY_BASE_MS: '250', RETRY_MAX_MS: '4000', DISPATCH_INTERVAL_MS: '200' }),
  DATABASE_PATH: db,
  INGEST_TOKEN: TOKEN,
  PORT: String(port), // the same URLs across restarts, as the MES has them
};
const url = (integration: string) => `http://127.0.0.1:${port}/nextplus/${integration}?token=${TOKEN}`;
const bridge = await soakBridge(env, db);

// ---- the run: load, outages, restarts ----

const clock = startClock();
const anomalies: string[] = [];
const load = mesLoad({ url, orders: ORDERS, clock, anomalies });
const durationMs = MINUTES * 60_000;
const pending = new Set<Promise<void>>();
let loadDone = false;
const chaos = chaosSchedule({ durationMs, fake, clock, restart: (signal) => bridge.restart(signal, clock), loadDone: () => loadDone, anomalies });

clock.log(`soak: ${MINUTES} min at ${RATE} events/s over ${ORDERS} production orders; bridge on port ${port}, ledger ${db}`);

let sentEvents = 0;
let nextReport = 10_000;
while (clock.elapsedMs() < durationMs) {
  const now = clock.elapsedMs();
  chaos.runDue(now);
  const due = Math.floor((now / 1000) * RATE);
  for (; sentEvents < due; sentEvents++) {
    const p = load.oneEvent().catch((err) => void anomalies.push(`client: ${(err as Error).message}`));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }
  if (now >= nextReport) {
    nextReport += 10_000;
    const queued = postingsInState(db, 'queued');
    const { counts } = load;
    clock.log(`sent ${counts.sent + counts.repeatsSent + counts.badSent}, answered 200 ${counts.answers200}, in flight ${load.inFlight()}, D365 received ${fake.received.length}, outbox queued ${queued}, bridge RSS max ${Math.round(bridge.maxRssKb() / 1024)} MB`);
  }
  await sleep(5);
}
loadDone = true;
clock.log('load done; waiting for the last answers and the outbox to drain');
await chaos.settled();
await Promise.all(pending);
fake.outage = undefined;

// Drained: nothing queued or sending, and D365 has received nothing new for 3 s (room for a
// wrongful second send to show up); given up after 5 min with an anomaly.
const drainStart = performance.now();
const open = () => postingsInState(db, 'queued') + postingsInState(db, 'sending');
if (!(await settle(() => fake.received.length, () => open() === 0, { quietMs: 3_000, timeoutMs: 300_000, pollMs: 250 }))) {
  anomalies.push(`the outbox did not drain in 5 min: ${open()} postings still queued or sending`);
}
const drainMs = Math.round(performance.now() - drainStart);
const held = postingsInState(db, 'held');
const failed = postingsInState(db, 'failed');
const finalExit = await bridge.finish();
const sendingAtEnd = postingsInState(db, 'sending');

// ---- reckoning ----

const reckoning = reckon(db, fake, load.adds, anomalies);
const end = { minutes: MINUTES, rate: RATE, orders: ORDERS, drainMs, finalExit, sendingAtEnd, held, failed };
const problems = printReport(end, load, bridge, reckoning, fake, anomalies);

await served.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(problems.length ? 1 : 0);
