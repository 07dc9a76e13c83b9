// npm run bench:ledger-size: how big the ledger grows per million events, before and after the
// retention purge. Events go through the real pipeline (createApp, in-process, journal target):
// 80% accepted (device, item-attach, operation adds), 10% duplicates, 5% tests, 5% rejections.
// Then the clock moves past RETENTION_DAYS and the purge runs to the end. Sizes are scaled from
// BENCH_EVENTS (default 100,000) to a million.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { parseBridgeConfig } from '../src/config/bridge-config.js';
import { composeDeps } from '../src/compose.js';
import { openSqliteLedger } from '../src/store/sqlite-database.js';
import { realEvent } from '../test/support/fixtures.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const TOKEN = 'bench-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'bridge-size-'));
const file = join(dir, 'bridge.db');
const ledger = openSqliteLedger(file, { synchronous: 'normal' });
let now = Date.parse('2026-01-01T00:00:00Z');
const clock = { now: () => now };
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const deps = composeDeps({ config: parseBridgeConfig({ LOG_REQUESTS: 'false', RETENTION_DAYS: '90' }), ingestToken: TOKEN, adminToken: TOKEN, ledger, clock, logger: quiet });
const app = createApp({ ...deps, notifyDispatcher: () => {} });

const paths = ['/nextplus/device', '/nextplus/item-attach', '/nextplus/operation'] as const;
const kinds = ['device-add', 'item-attach-add', 'operation-add'] as const;
const send = (path: string, body: unknown, query = '') =>
  app.request(`${path}?token=${TOKEN}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const started = performance.now();
let last: { path: string; body: unknown } | undefined;
for (let i = 0; i < EVENTS; i++) {
  now += 30_000; // one event every 30 s: a million events span about a year
  const k = i % 3;
  const roll = i % 20;
  if (roll === 0 && last) await send(last.path, last.body); // duplicate
  else if (roll === 1) await send(paths[k]!, realEvent(kinds[k]!, { serial: `SN-${i}` }), '&test=1');
  else if (roll === 2) await send(paths[k]!, realEvent(kinds[k]!, { sku: 42 })); // rejected
  else {
    last = { path: paths[k]!, body: realEvent(kinds[k]!, { serial: `SN-${i}`, workorderExternalId: `PO-${Math.floor(i / 25)}` }) };
    await send(last.path, last.body);
  }
}
const fillSeconds = (performance.now() - started) / 1000;

const pages = () => {
  const pageSize = ledger.client.pragma('page_size', { simple: true }) as number;
  const count = ledger.client.pragma('page_count', { simple: true }) as number;
  const free = ledger.client.pragma('freelist_count', { simple: true }) as number;
  return { live: (count - free) * pageSize, file: count * pageSize };
};
ledger.client.pragma('wal_checkpoint(TRUNCATE)');
const before = pages();

now += 91 * 86_400_000; // everything is past the retention now
const purgeStarted = performance.now();
let batches = 0;
for (;;) {
  const n = await ledger.retention.purge(now - 90 * 86_400_000, now, 500);
  batches++;
  if (n.deliveries + n.attempts + n.rawBodies + n.keys === 0) break;
}
const purgeSeconds = (performance.now() - purgeStarted) / 1000;
ledger.client.pragma('wal_checkpoint(TRUNCATE)');
const after = pages();
ledger.client.exec('VACUUM');
const vacuumed = statSync(file).size;
ledger.close();
rmSync(dir, { recursive: true, force: true });

const perMillion = (bytes: number) => `${((bytes / EVENTS) * 1e6 / 2 ** 20).toFixed(0)} MB`;
console.log(`${EVENTS.toLocaleString()} events through the pipeline in ${fillSeconds.toFixed(1)} s (${(EVENTS / fillSeconds).toFixed(0)}/s in-process)`);
console.log(`ledger per million events, before purge: ${perMillion(before.live)}`);
console.log(`after the purge (${batches} batches of 500, ${purgeSeconds.toFixed(1)} s): ${perMillion(after.live)} of live data; the file keeps its size and reuses the freed pages`);
console.log(`after VACUUM: ${perMillion(vacuumed)}`);
