// npm run bench:console: fills a SQLite ledger with a million events (and their postings), then
// times the console's pages in-process: the overview, the first and a deep page of events, and
// each filter and the search. Shows whether "stays fast at a million events" holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { parseBridgeConfig } from '../src/config/bridge-config.js';
import { composeDeps } from '../src/compose.js';
import { systemClock } from '../src/core/runtime.js';
import { openSqliteLedger } from '../src/store/sqlite-database.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ADMIN = 'bench-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'bridge-console-bench-'));
const ledger = openSqliteLedger(join(dir, 'bridge.db'), { synchronous: 'normal' });

// Bulk fill with plain SQL: the shape the ingest path writes, one event a second up to now
// (~11.6 days for a million: the overview's last 24 h hold ~86,000 of them).
const t0 = Date.now() - EVENTS * 1000;
const kinds = ['device', 'item-attach', 'operation'] as const;
const types = { device: 'ProdProductionOrderStart', 'item-attach': 'ProdProductionOrderPickingList', operation: 'ProdProductionOrderRouteCard' };
const fill = performance.now();
const insertDelivery = ledger.client.prepare(
  `INSERT INTO deliveries (id, received_at, integration, event_type, outcome, status, external_id, raw_body, event, production_order, workorder_number, serial, sku)
   VALUES (?, ?, ?, 'add', ?, 200, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertPosting = ledger.client.prepare(
  `INSERT INTO postings (delivery_id, target, ordering_key, production_order, message_type, content, state, created_at, updated_at, attempts, last_error)
   VALUES (?, 'd365', ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
);
// The last day's postings were each sent once, so the overview's latency chart has a day of
// attempts to rank (~86,000).
const insertAttempt = ledger.client.prepare(
  `INSERT INTO posting_attempts (posting_id, started_at, finished_at, outcome, http_status) VALUES (?, ?, ?, 'delivered', 201)`,
);
ledger.client.transaction(() => {
  for (let i = 0; i < EVENTS; i++) {
    const integration = kinds[i % 3]!;
    const order = `PO-${Math.floor(i / 20)}`;
    const outcome = i % 50 === 7 ? 'duplicate' : i % 97 === 3 ? 'rejected' : 'accepted';
    const body = JSON.stringify({ type: 'add', serial: `SN-${i}`, sku: `SKU-${i % 500}`, workorderExternalId: order });
    insertDelivery.run(`dlv_${String(i).padStart(8, '0')}`, t0 + i * 1000, integration, outcome, `DEV-${i}`, body, body, order, `WO-${i}`, `SN-${i}`, `SKU-${i % 500}`);
    if (outcome === 'accepted') {
      const state = i % 10_000 === 5 ? 'failed' : i % 1000 === 11 ? 'cancelled' : 'delivered';
      const { lastInsertRowid } = insertPosting.run(`dlv_${String(i).padStart(8, '0')}`, order, order, types[integration], '{}', state, t0 + i * 1000, t0 + i * 1000, state === 'failed' ? 'HTTP 400' : null);
      if (EVENTS - i <= 86_400) insertAttempt.run(lastInsertRowid, t0 + i * 1000, t0 + i * 1000 + 40 + (i % 900));
    }
  }
})();
ledger.client.pragma('optimize');
console.log(`filled ${EVENTS.toLocaleString()} events in ${((performance.now() - fill) / 1000).toFixed(1)} s`);

const deps = composeDeps({
  config: parseBridgeConfig({ LOG_REQUESTS: 'false' }),
  ingestToken: 'bench-ingest-token-0123456789',
  adminToken: ADMIN,
  ledger,
  clock: systemClock,
  logger: { info: () => {}, warn: () => {}, error: () => {} },
});
const app = createApp(deps);
const login = await app.request('/console/login', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
  body: new URLSearchParams({ name: 'bench', token: ADMIN }).toString(),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

async function time(label: string, path: string, headers: Record<string, string> = {}, status = 200) {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const res = await app.request(path, { headers: { cookie, ...headers } });
    await res.text();
    if (res.status !== status) throw new Error(`${path}: HTTP ${res.status}`);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${runs[3]!.toFixed(1).padStart(7)} ms   max ${runs[6]!.toFixed(1).padStart(7)} ms`);
}

const mid = EVENTS / 2;
await time('overview (waiting: all; the rest: last 24 h)', '/console');
// What an open console costs every few seconds while nothing changes (its self-refresh).
const etag = (await app.request('/console/events', { headers: { cookie } })).headers.get('etag')!;
await time('events, unchanged (304 to If-None-Match)', '/console/events', { 'if-none-match': etag }, 304);
await time('events, first page', '/console/events');
await time(`events, page at event ${mid.toLocaleString()} (cursor)`, `/console/events?before=${t0 + mid * 1000}_dlv_${String(mid).padStart(8, '0')}`);
await time('events, postings state = failed', '/console/events?state=failed');
await time('events, postings state = delivered + operation', '/console/events?state=delivered&integration=operation');
await time('events, outcome = rejected', '/console/events?outcome=rejected');
await time('events, production order', `/console/events?productionOrder=PO-${Math.floor(mid / 20)}`);
await time('events, serial', `/console/events?serial=SN-${mid}`);
await time('events, search (externalId/order/serial/sku)', `/console/events?q=SKU-42`);
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
await time('events, time range (one hour)', `/console/events?from=${local(t0 + mid * 1000)}&to=${local(t0 + mid * 1000 + 3600_000)}`);
await time('order timeline', `/console/order?id=PO-${Math.floor(mid / 20)}`);
await time('event detail', `/console/events/dlv_${String(mid).padStart(8, '0')}`);
ledger.close();
rmSync(dir, { recursive: true, force: true });
