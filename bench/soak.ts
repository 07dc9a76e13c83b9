// npm run soak [-- --minutes N] [-- --rate R]: the built bridge (dist/node.js: run `npm run
// build` first) against the fake D365 over HTTP for N minutes (default 5) at R events/s
// (default 50): device / item-attach / operation adds over many production orders, removes of
// earlier ones, repeats of earlier bodies and bad bodies; meanwhile ERP outages (503 for
// 20-40 s, a burst of 429 with Retry-After) and bridge restarts (SIGKILL and SIGTERM in turn).
// Then it waits for the outbox to drain and reports what was acknowledged, delivered, lost and
// sent twice, ingest latency, the bridge's peak memory, restarts and the fake's violations.
// Exits non-zero if anything acknowledged was lost, the fake saw a violation, or D365 got more
// repeats than there were sends in flight at the stops.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveFakeD365 } from '../test/node/fake-d365-server.js';
import type { Received } from '../test/support/fake-d365.js';
import { nodeLeases, postEvent, postingsInState, readLedger, sleep } from '../test/support/fault-tools.js';
import { realEvent } from '../test/support/fixtures.js';
import { startBridge, stopBridge, type Started } from '../test/support/spawn-bridge.js';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, rate: { type: 'string', default: '50' } } });
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
if (!(MINUTES > 0) || !(RATE > 0)) {
  console.error('usage: npm run soak -- [--minutes N] [--rate EVENTS_PER_SECOND]');
  process.exit(2);
}
if (!existsSync('dist/node.js')) {
  console.error('dist/node.js is missing: run `npm run build` first (the soak runs the built bridge, as production does).');
  process.exit(2);
}

const ORDERS = 150;
const TOKEN = 'soak-ingest-token-0123456789';
const RETRY_EVERY_MS = 1_000;
const GIVE_UP_AFTER_MS = 90_000;

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

let bridge = await startBridge(env);
const pids = [bridge.child.pid!];
let maxRssKb = 0;
const rssTimer = setInterval(() => {
  try {
    const kb = Number(readFileSync(`/proc/${bridge.child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
    maxRssKb = Math.max(maxRssKb, kb);
  } catch {
    /* between a stop and a start */
  }
}, 1_000);

interface Stop {
  at: number;
  signal: NodeJS.Signals;
  exit: string;
  stopMs: number;
  /** Postings left 'sending' in the ledger after the process was gone: what may be sent twice. */
  sendingLeft: number;
  leaseLeft: boolean;
  downMs: number;
}
const stops: Stop[] = [];
const startFailures: string[] = [];

async function restart(signal: NodeJS.Signals) {
  const at = elapsed();
  const t = performance.now();
  const old = bridge;
  await stopBridge(old.child, signal);
  const stopMs = Math.round(performance.now() - t);
  const sendingLeft = postingsInState(db, 'sending');
  const leaseLeft = nodeLeases(db).length > 0;
  for (let attempt = 1; ; attempt++) {
    try {
      bridge = await startBridge(env);
      break;
    } catch (err) {
      startFailures.push(`${signal} restart, attempt ${attempt}: ${(err as Error).message.split('\n').slice(0, 2).join(' ')}`);
      if (attempt >= 30) throw err;
      await sleep(1_000);
    }
  }
  pids.push(bridge.child.pid!);
  const exit = old.child.exitCode !== null ? `exit ${old.child.exitCode}` : `by ${old.child.signalCode}`;
  stops.push({ at, signal, exit, stopMs, sendingLeft, leaseLeft, downMs: Math.round(performance.now() - t) });
  log(`restart (${signal}): old bridge ended ${exit} after ${stopMs} ms, ${sendingLeft} postings left 'sending', lease ${leaseLeft ? 'left behind' : 'released'}; up again after ${Math.round(performance.now() - t)} ms`);
}

// ---- what the MES sends and what came of it ----

type Kind = 'item' | 'op' | 'device';
interface AddEvent {
  kind: Kind;
  n: number;
  order: string;
  integration: string;
  body: string;
  /** The message key at D365 (device adds share theirs per order: ProdProductionOrderStart has no id). */
  key: string;
  externalId?: string;
  ackedAt?: number;
  busy: boolean;
  removal?: RemoveEvent;
}
interface RemoveEvent {
  of: AddEvent;
  body: string;
  externalId?: string;
  busy: boolean;
}

const adds: AddEvent[] = [];
const removes: RemoveEvent[] = [];
/** Acknowledged adds not yet removed: candidates for removes and repeats. */
const live: AddEvent[] = [];
const latencies: number[] = [];
/** The slowest answers, with when they came (seconds into the run). */
const slow: { at: number; ms: number; integration: string }[] = [];
const anomalies: string[] = [];
const counts = { sent: 0, answers200: 0, repeatsSent: 0, repeatsAnswered: 0, badSent: 0, badRejected: 0, retries: 0, gaveUp: 0, serverErrors: 0 };
let inFlight = 0;
let n = 0;

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const orderOf = () => `SOAK-PO-${Math.floor(Math.random() * ORDERS)}`;

function newAdd(kind: Kind): AddEvent {
  const i = ++n;
  const order = orderOf();
  if (kind === 'item') {
    const sku = `SOAK-ITEM-${i}`;
    const body = realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 + (i % 4), serial: `C-${i}` } });
    return { kind, n: i, order, integration: 'item-attach', body: JSON.stringify(body), key: `item:${sku}`, busy: false };
  }
  if (kind === 'op') {
    const wc = `WC-${i}`;
    const body = realEvent('operation-add', { workorderExternalId: order, workCenterCode: wc, position: 10 * (1 + (i % 5)), validQty: 1 + (i % 3), invalidQty: 0 });
    return { kind, n: i, order, integration: 'operation', body: JSON.stringify(body), key: `op:${wc}`, busy: false };
  }
  const body = realEvent('device-add', { workorderExternalId: order, serial: `SN-${i}` });
  return { kind, n: i, order, integration: 'device', body: JSON.stringify(body), key: `start:${order}`, busy: false };
}

function removalOf(add: AddEvent): RemoveEvent {
  const parsed = JSON.parse(add.body) as Record<string, unknown>;
  const common = { workorderExternalId: add.order };
  const body =
    add.kind === 'item'
      ? realEvent('item-attach-remove', { ...common, item: { ...(parsed.item as object), externalId: add.externalId } })
      : add.kind === 'op'
        ? realEvent('operation-remove', { ...common, externalId: add.externalId })
        : realEvent('device-remove', { ...common, externalId: add.externalId });
  return { of: add, body: JSON.stringify(body), busy: false };
}

const badBodies: [string, () => string][] = [
  ['item-attach', () => '{"type":"add","workorderNumber":'],
  ['item-attach', () => JSON.stringify(realEvent('item-attach-add', { workorderExternalId: orderOf(), item: { sku: 'BAD', quantity: -3 } }))],
  ['operation', () => JSON.stringify({ ...realEvent('operation-add', { workorderExternalId: orderOf() }), workorderNumber: undefined })],
  ['item-attach', () => JSON.stringify(realEvent('item-attach-remove', { workorderExternalId: orderOf(), item: { sku: 'X', quantity: 1, externalId: `ITM-NEVER-${++n}` } }))],
  ['device', () => JSON.stringify({ ...realEvent('device-add'), type: 'explode' })],
];

/**
 * Posts until answered: no answer (the bridge is down or died mid-request) or a 5xx is tried
 * again with the same body, as the MES does; the ledger answers a repeat of a committed body as
 * a duplicate with the original externalId.
 */
async function deliver(integration: string, body: string): Promise<{ status: number; externalId?: string; body?: string } | undefined> {
  const first = performance.now();
  inFlight++;
  try {
    for (let attempt = 0; ; attempt++) {
      const r = await postEvent(url(integration), body);
      if (r.ok) {
        counts.answers200++;
        latencies.push(r.ms);
        if (r.ms > 1_000) slow.push({ at: elapsed(), ms: Math.round(r.ms), integration });
        return { status: 200, externalId: r.externalId };
      }
      if (r.status !== 0 && r.status < 500) return { status: r.status, body: 'body' in r ? r.body : '' };
      if (r.status >= 500) counts.serverErrors++;
      if (performance.now() - first > GIVE_UP_AFTER_MS) {
        counts.gaveUp++;
        return undefined;
      }
      counts.retries++;
      await sleep(RETRY_EVERY_MS);
    }
  } finally {
    inFlight--;
  }
}

async function sendAdd(add: AddEvent) {
  add.busy = true;
  adds.push(add);
  counts.sent++;
  const r = await deliver(add.integration, add.body);
  add.busy = false;
  if (!r) return;
  if (r.status !== 200) return void anomalies.push(`${add.key}: answered ${r.status} ${r.body}`);
  add.externalId = r.externalId;
  add.ackedAt = Date.now();
  live.push(add);
}

async function sendRemove(add: AddEvent) {
  const rm = removalOf(add);
  add.busy = rm.busy = true;
  add.removal = rm;
  removes.push(rm);
  live.splice(live.indexOf(add), 1);
  counts.sent++;
  const r = await deliver(add.integration, rm.body);
  add.busy = rm.busy = false;
  if (!r) return;
  if (r.status !== 200) return void anomalies.push(`remove of ${add.key}: answered ${r.status} ${r.body}`);
  rm.externalId = r.externalId;
}

/** The same body again, within the dedupe window: the same externalId back, nothing posted. */
async function sendRepeat(add: AddEvent) {
  add.busy = true;
  counts.repeatsSent++;
  const r = await deliver(add.integration, add.body);
  add.busy = false;
  if (!r) return;
  counts.repeatsAnswered++;
  if (r.status !== 200) anomalies.push(`repeat of ${add.key}: answered ${r.status} ${r.body}`);
  else if (r.externalId !== add.externalId) anomalies.push(`repeat of ${add.key} answered as a new event ${r.externalId} (was ${add.externalId})`);
}

async function sendBad() {
  counts.badSent++;
  const [integration, body] = pick(badBodies);
  const r = await deliver(integration, body());
  if (!r) return;
  if (r.status >= 400 && r.status < 500) counts.badRejected++;
  else anomalies.push(`bad ${integration} body answered ${r.status} ${r.externalId ?? r.body ?? ''}`);
}

function oneEvent(): Promise<void> {
  const r = Math.random();
  if (r < 0.4) return sendAdd(newAdd('item'));
  if (r < 0.58) return sendAdd(newAdd('op'));
  if (r < 0.68) return sendAdd(newAdd('device'));
  if (r < 0.8) {
    const add = live.length ? pick(live) : undefined;
    return add && !add.busy ? sendRemove(add) : sendAdd(newAdd('item'));
  }
  if (r < 0.92) {
    // Recent ones only: a repeat counts as one within DEDUPE_WINDOW_SECONDS (60 s).
    const add = live.length ? live[live.length - 1 - Math.floor(Math.random() * Math.min(live.length, 200))] : undefined;
    return add && !add.busy && Date.now() - add.ackedAt! < 40_000 ? sendRepeat(add) : sendAdd(newAdd('item'));
  }
  return sendBad();
}

// ---- the run: load, outages, restarts ----

const t0 = performance.now();
const elapsed = () => Math.round((performance.now() - t0) / 1000);
const log = (line: string) => console.log(`[${String(elapsed()).padStart(4)} s] ${line}`);
const durationMs = MINUTES * 60_000;
const pending = new Set<Promise<void>>();

log(`soak: ${MINUTES} min at ${RATE} events/s over ${ORDERS} production orders; bridge on port ${port}, ledger ${db}`);

/**
 * Every 60 s: a 429 burst at +5 s, a restart at +12 s, a 503 outage from +20 s for 20-40 s,
 * and a restart 1.5 s after it ends, while the backlog it built is being sent. The signals
 * alternate (SIGTERM, SIGKILL, SIGKILL, SIGTERM, …), so each meets both an idle and a busy outbox.
 */
let chaos = Promise.resolve();
const chain = (what: () => Promise<void> | void) => {
  chaos = chaos.then(what).catch((err) => void anomalies.push(`chaos step failed: ${(err as Error).message}`));
};
const schedule: { atMs: number; what: () => Promise<void> | void }[] = [];
for (let cycle = 0; cycle * 60_000 < durationMs; cycle++) {
  const base = cycle * 60_000;
  const [idle, busy] = (cycle % 2 === 0 ? ['SIGTERM', 'SIGKILL'] : ['SIGKILL', 'SIGTERM']) as [NodeJS.Signals, NodeJS.Signals];
  schedule.push({
    atMs: base + 5_000,
    what: () => {
      const retryAfter = 1 + Math.floor(Math.random() * 3);
      for (let i = 0; i < 20; i++) fake.nextFailures.push({ status: 429, retryAfter: String(retryAfter) });
      log(`ERP: 20 answers of 429 with Retry-After ${retryAfter} s`);
    },
  });
  schedule.push({ atMs: base + 12_000, what: () => restart(idle) });
  schedule.push({
    atMs: base + 20_000,
    what: () => {
      // Over before the load ends (less than 20 s only in a run too short for it), so the
      // restart after it still meets the load.
      const left = Math.floor((durationMs - (performance.now() - t0)) / 1000) - 6;
      const seconds = Math.max(5, Math.min(20 + Math.floor(Math.random() * 21), left));
      fake.outage = { status: 503 };
      log(`ERP: outage (503) for ${seconds} s`);
      setTimeout(() => {
        if (loadDone) return;
        fake.outage = undefined;
        log('ERP: back');
        setTimeout(() => !loadDone && chain(() => restart(busy)), 1_500);
      }, seconds * 1_000);
    },
  });
}
schedule.sort((a, b) => a.atMs - b.atMs);

let sentEvents = 0;
let loadDone = false;
let nextReport = 10_000;
while (performance.now() - t0 < durationMs) {
  const now = performance.now() - t0;
  while (schedule.length && schedule[0]!.atMs <= now) {
    chain(schedule.shift()!.what);
  }
  const due = Math.floor((now / 1000) * RATE);
  for (; sentEvents < due; sentEvents++) {
    const p = oneEvent().catch((err) => void anomalies.push(`client: ${(err as Error).message}`));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }
  if (now >= nextReport) {
    nextReport += 10_000;
    const queued = postingsInState(db, 'queued');
    log(`sent ${counts.sent + counts.repeatsSent + counts.badSent}, answered 200 ${counts.answers200}, in flight ${inFlight}, D365 received ${fake.received.length}, outbox queued ${queued}, bridge RSS max ${Math.round(maxRssKb / 1024)} MB`);
  }
  await sleep(5);
}
loadDone = true;
log('load done; waiting for the last answers and the outbox to drain');
await chaos;
await Promise.all(pending);
fake.outage = undefined;

// Drained: nothing queued or sending in the ledger, and D365 has received nothing new for 3 s.
const drainStart = performance.now();
let lastReceived = -1;
let quietSince = performance.now();
for (;;) {
  const open = postingsInState(db, 'queued') + postingsInState(db, 'sending');
  if (fake.received.length !== lastReceived) {
    lastReceived = fake.received.length;
    quietSince = performance.now();
  }
  if (open === 0 && performance.now() - quietSince > 3_000) break;
  if (performance.now() - drainStart > 300_000) {
    anomalies.push(`the outbox did not drain in 5 min: ${open} postings still queued or sending`);
    break;
  }
  await sleep(250);
}
const drainMs = Math.round(performance.now() - drainStart);
const final = { held: postingsInState(db, 'held'), failed: postingsInState(db, 'failed') };
await stopBridge(bridge.child, 'SIGTERM');
clearInterval(rssTimer);
const finalExit = bridge.child.exitCode !== null ? `exit ${bridge.child.exitCode}` : `by ${bridge.child.signalCode}`;
const sendingAtEnd = postingsInState(db, 'sending');

// ---- reckoning ----

const ledger = readLedger(db, (d) => ({
  cancelled: new Set((d.prepare("SELECT DISTINCT dl.external_id AS x FROM postings p JOIN deliveries dl ON dl.id = p.delivery_id WHERE p.state = 'cancelled'").all() as { x: string }[]).map((r) => r.x)),
  accepted: new Set((d.prepare("SELECT external_id AS x FROM deliveries WHERE outcome = 'accepted'").all() as { x: string }[]).map((r) => r.x)),
  postingsByState: d.prepare('SELECT state, count(*) AS n FROM postings GROUP BY state').all() as { state: string; n: number }[],
}));

function keyOf(r: Received): string {
  const c = r.content;
  const line = (name: string) => (c[name] as Record<string, unknown>[] | undefined)?.[0] ?? {};
  if (r.type === 'ProdProductionOrderPickingList') return `item:${line('PickingListLines').ItemNumber}${Number(line('PickingListLines').ConsumptionBOMQuantity) < 0 ? ':rev' : ''}`;
  if (r.type === 'ProdProductionOrderRouteCard') return `op:${line('RouteCardLines').OperationsResourceId}${Number(line('RouteCardLines').GoodQuantity) < 0 ? ':rev' : ''}`;
  if (r.type === 'ProdProductionOrderStart') return `start:${c.ProductionOrderNumber}${Number(c.StartedQuantity) < 0 ? ':rev' : ''}`;
  return `other:${r.type}:${JSON.stringify(c)}`;
}

const expected = new Map<string, number>(); // acknowledged and not cancelled: must arrive
const maybe = new Map<string, number>(); // sent, never acknowledged: may arrive (committed, answer lost)
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let acknowledged = 0;
let cancelledPairs = 0;
let notInLedger = 0;
for (const add of adds) {
  if (!add.externalId) {
    bump(maybe, add.key);
    continue;
  }
  acknowledged++;
  if (!ledger.accepted.has(add.externalId)) notInLedger++;
  const rm = add.removal;
  if (rm?.externalId) {
    acknowledged++;
    if (!ledger.accepted.has(rm.externalId)) notInLedger++;
  }
  if (ledger.cancelled.has(add.externalId)) {
    // Only a remove that came before the send cancels an add, and its reversal with it.
    // (A remove sent but never answered may have been committed: it cancels just the same.)
    if (!rm) anomalies.push(`${add.key} (${add.externalId}) was cancelled, and no remove of it was sent`);
    else if (rm.externalId && add.kind !== 'device' && !ledger.cancelled.has(rm.externalId)) anomalies.push(`${add.key} was cancelled but its reversal ${rm.externalId} was not`);
    cancelledPairs++;
    continue;
  }
  bump(expected, add.key);
  if (add.kind === 'device' || !rm) continue;
  if (rm.externalId) {
    if (ledger.cancelled.has(rm.externalId)) anomalies.push(`reversal ${rm.externalId} of ${add.key} was cancelled but ${add.key} was not`);
    else bump(expected, `${add.key}:rev`);
  } else bump(maybe, `${add.key}:rev`);
}

const received = new Map<string, number>();
for (const r of fake.received) bump(received, keyOf(r));
let lost = 0;
let delivered = 0;
let duplicated = 0;
let unacknowledgedDelivered = 0;
let phantom = 0;
const lostKeys: string[] = [];
for (const key of new Set([...expected.keys(), ...received.keys()])) {
  const want = expected.get(key) ?? 0;
  const got = received.get(key) ?? 0;
  delivered += Math.min(want, got);
  if (got < want) {
    lost += want - got;
    lostKeys.push(`${key} (${got} of ${want})`);
  }
  const extra = Math.max(0, got - want);
  const explained = Math.min(extra, maybe.get(key) ?? 0);
  unacknowledgedDelivered += explained;
  if (!expected.has(key) && !maybe.has(key)) phantom += extra;
  else duplicated += extra - explained;
}
const kills = stops.filter((s) => s.signal === 'SIGKILL');
const terms = stops.filter((s) => s.signal === 'SIGTERM');
const inFlightAtStops = stops.reduce((s, x) => s + x.sendingLeft, 0) + sendingAtEnd;

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1) : '-');

console.log(`
soak: ${MINUTES} min at ${RATE} events/s (${ORDERS} production orders), drain ${(drainMs / 1000).toFixed(1)} s
  events acknowledged        ${acknowledged} (adds ${adds.filter((a) => a.externalId).length}, removes ${removes.filter((r) => r.externalId).length}); sent but never answered ${adds.filter((a) => !a.externalId).length + removes.filter((r) => !r.externalId).length}
  repeats / bad bodies       ${counts.repeatsAnswered} repeats answered with the original externalId ${counts.repeatsAnswered - anomalies.filter((a) => a.startsWith('repeat of')).length}; ${counts.badRejected} of ${counts.badSent} bad bodies refused with 4xx
  client retries             ${counts.retries} (no answer or 5xx; ${counts.serverErrors} were 5xx), gave up ${counts.gaveUp}
  delivered (distinct)       ${delivered} postings expected at D365 (${cancelledPairs} adds removed before they were sent: cancelled with their reversal)
  lost                       ${lost}${lostKeys.length ? `: ${lostKeys.slice(0, 10).join(', ')}` : ''}${notInLedger ? `; ${notInLedger} acknowledged events missing from the ledger` : ''}
  duplicated at D365         ${duplicated} (postings left 'sending' at stops: ${stops.map((s) => `${s.signal} ${s.sendingLeft}`).join(', ') || 'none'}${sendingAtEnd ? `, final stop ${sendingAtEnd}` : ''}; at SIGKILLs ${kills.reduce((s, x) => s + x.sendingLeft, 0)})
  delivered, never acked     ${unacknowledgedDelivered} (committed, but the answer was lost at a kill)${phantom ? `\n  PHANTOM messages          ${phantom}` : ''}
  ingest latency (200s)      p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.length ? sorted[sorted.length - 1]!.toFixed(1) : '-'} ms over ${sorted.length} answers; ${slow.length} over 1 s${slow.length ? ` (at ${[...new Set(slow.map((x) => x.at))].slice(0, 12).join(', ')} s)` : ''}
  bridge max RSS             ${(maxRssKb / 1024).toFixed(1)} MB (VmRSS sampled every second, ${pids.length} processes)
  restarts done              ${stops.length} (${kills.length} SIGKILL, ${terms.length} SIGTERM: ${terms.map((s) => `${s.exit} after ${s.stopMs} ms${s.leaseLeft ? ', lease left behind' : ''}`).join('; ') || '-'}); final stop ${finalExit}${startFailures.length ? `\n  refused restarts           ${startFailures.length}: ${startFailures[0]}` : ''}
  ledger at the end          ${ledger.postingsByState.map((r) => `${r.state} ${r.n}`).join(', ')}${final.held + final.failed ? ` (held ${final.held}, failed ${final.failed})` : ''}
  D365                       ${fake.received.length} messages received, ${fake.sendRequests} SendMessage calls, ${fake.tokenRequests} token requests
  fake violations            ${fake.violations.length}${fake.violations.length ? `: ${fake.violations.slice(0, 5).join(' | ')}` : ''}
  anomalies                  ${anomalies.length}${anomalies.length ? `:\n    ${anomalies.slice(0, 15).join('\n    ')}` : ''}`);

const problems = [
  lost && `${lost} acknowledged postings never reached D365`,
  notInLedger && `${notInLedger} acknowledged events are not in the ledger`,
  fake.violations.length && `${fake.violations.length} violations at the fake D365`,
  phantom && `${phantom} messages at D365 that no event explains`,
  duplicated > inFlightAtStops && `${duplicated} duplicates at D365, more than the ${inFlightAtStops} postings in flight at the stops`,
  final.held + final.failed && `${final.held + final.failed} postings held or failed at the end`,
].filter(Boolean);
console.log(problems.length ? `\nFAILED: ${problems.join('; ')}` : '\nOK: nothing acknowledged was lost, no violations');

await served.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(problems.length ? 1 : 0);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
