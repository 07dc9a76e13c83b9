// npm run bench:dispatch: the dispatcher's postings/s to a local fake D365 that answers at once
// (bench/instant-d365.ts, its own process). ORDERS orders × PER_ORDER item attaches go through the
// real ingest pipeline into a SQLite ledger first (not timed); then the same Dispatcher the Node
// loop runs delivers them all, timed, for each DISPATCH_CONCURRENCY in SLOTS. The fake checks
// that each order's messages arrive in order (quantities grow per order).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { composeDeps } from '../src/compose.js';
import { parseBridgeConfig } from '../src/config/bridge-config.js';
import { systemClock } from '../src/core/runtime.js';
import { openSqliteLedger } from '../src/store/sqlite-database.js';
import { realEvent } from '../test/support/fixtures.js';
import { quietLogger } from '../test/support/quiet-logger.js';
import { startFakeD365 as startFake } from './start-server.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const PER_ORDER = Number(process.env.BENCH_PER_ORDER ?? 50);
const SLOTS = (process.env.BENCH_SLOTS ?? '4,16').split(',').map(Number);
const TOKEN = 'bench-token-0123456789abcdef';

/** BENCH_PROFILE=<path prefix>: a CPU profile of the sends alone (not the ingest before them). */
async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (path: string) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}

async function run(slots: number) {
  const fake = await startFake();
  const dir = mkdtempSync(join(tmpdir(), 'bridge-dispatch-'));
  const ledger = openSqliteLedger(join(dir, 'bridge.db'), { synchronous: (process.env.SQLITE_SYNCHRONOUS as 'full' | 'normal' | undefined) ?? 'full' });
  const env = {
    LOG_REQUESTS: 'false', ERP_TARGETS: 'd365', DISPATCH_CONCURRENCY: String(slots),
    D365_URL: `${fake.url}/`, D365_TENANT_ID: 't', D365_CLIENT_ID: 'c', D365_CLIENT_SECRET: 's', D365_COMPANY: 'USMF',
    D365_TOKEN_URL: `${fake.url}/t/oauth2/v2.0/token`, D365_AUTO_START: 'false',
  };
  const config = parseBridgeConfig(env);
  const deps = composeDeps({ config, ingestToken: TOKEN, adminToken: `${TOKEN}-admin`, ledger, clock: systemClock, logger: quietLogger() });
  const app = createApp({ ...deps, notifyDispatcher: () => {} });
  const bodies: (Response | Promise<Response>)[] = [];
  for (let i = 1; i <= PER_ORDER; i++) {
    for (let o = 0; o < ORDERS; o++) {
      const body = realEvent('item-attach-add', { workorderExternalId: `PO-${o}`, externalId: `X-${o}-${i}`, item: { sku: 'PART', quantity: i } });
      bodies.push(app.request(`/nextplus/item-attach?token=${TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    }
    await Promise.all(bodies.splice(0)); // in order of i: each order's postings are numbered 1, 2, 3 …
  }
  const profile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
  const cpu = process.cpuUsage();
  const t = performance.now();
  let sent = 0;
  for (let n; (n = await deps.dispatcher.runOnce({ background: false })) > 0; ) sent += n;
  const seconds = (performance.now() - t) / 1000;
  await profile?.(`${process.env.BENCH_PROFILE}-${slots}.cpuprofile`);
  const used = process.cpuUsage(cpu);
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
  const seen = await fake.stop();
  return { slots, sent, seconds, perSecond: sent / seconds, cpu: (used.user + used.system) / 1e6 / seconds, ...seen };
}

console.log(`dispatch: ${ORDERS} orders × ${PER_ORDER} item attaches → D365 picking lists, fake D365 answering at once`);
for (const slots of SLOTS) {
  const r = await run(slots);
  console.log(
    `DISPATCH_CONCURRENCY=${r.slots}: ${r.sent} postings in ${r.seconds.toFixed(1)} s = ${Math.round(r.perSecond)} postings/s, bridge CPU ${r.cpu.toFixed(2)} of a core; fake received ${r.received}, out of order ${r.outOfOrder}`,
  );
}
