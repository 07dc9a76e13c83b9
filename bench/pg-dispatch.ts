// The dispatch half of bench/postgres.ts: ORDERS × PER_ORDER item attaches go through the real
// ingest pipeline into a fresh PostgreSQL database (in this process, not timed); then n built
// bridges (node dist/node.js, each its own process and lease) start on that database and send
// the backlog to the fake D365 that answers at once. Timed from the first posting marked
// delivered to the last (their updated_at in the ledger), so the bridges' start is not counted.
// The fake checks each order's messages arrive in order and counts them: more received than
// postings means some were sent twice.
import pg from 'pg';
import { createApp } from '../src/app.js';
import { composeDeps } from '../src/compose.js';
import { parseBridgeConfig } from '../src/config/bridge-config.js';
import { systemClock } from '../src/core/runtime.js';
import { openPgLedger } from '../src/store/pg-database.js';
import { realEvent } from '../test/support/fixtures.js';
import { quietLogger } from '../test/support/quiet-logger.js';
import { cpuSeconds } from './ingest-load.js';
import { freshDatabase, pgServerCpuSeconds } from './pg-bench-server.js';
import { startFakeD365, startServer, stopServer } from './start-server.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const PER_ORDER = Number(process.env.BENCH_PER_ORDER ?? 50);
const SLOTS = Number(process.env.BENCH_SLOTS ?? 16);
const TOKEN = 'bench-token-0123456789abcdef';

function d365Env(fakeUrl: string) {
  return {
    LOG_REQUESTS: 'false', ERP_TARGETS: 'd365', DISPATCH_CONCURRENCY: String(SLOTS),
    D365_URL: `${fakeUrl}/`, D365_TENANT_ID: 't', D365_CLIENT_ID: 'c', D365_CLIENT_SECRET: 's', D365_COMPANY: 'USMF',
    D365_TOKEN_URL: `${fakeUrl}/t/oauth2/v2.0/token`, D365_AUTO_START: 'false',
  };
}

/** The backlog, through the ingest pipeline: each order's quantities grow 1, 2, 3 … */
async function fillBacklog(url: string, env: Record<string, string>) {
  const ledger = await openPgLedger(url);
  try {
    const deps = composeDeps({ config: parseBridgeConfig(env), ingestToken: TOKEN, adminToken: `${TOKEN}-admin`, ledger, clock: systemClock, logger: quietLogger() });
    const app = createApp({ ...deps, notifyDispatcher: () => {} });
    for (let i = 1; i <= PER_ORDER; i++) {
      const answers = [];
      for (let o = 0; o < ORDERS; o++) {
        const body = realEvent('item-attach-add', { workorderExternalId: `PO-${o}`, externalId: `X-${o}-${i}`, item: { sku: 'PART', quantity: i } });
        answers.push(app.request(`/nextplus/item-attach?token=${TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
      }
      for (const a of await Promise.all(answers)) if (a.status !== 200) throw new Error(`backlog: ${a.status} ${await a.text()}`);
    }
  } finally {
    await ledger.close();
  }
}

export async function runPgDispatch(serverUrl: string, instances: number) {
  const fake = await startFakeD365();
  const url = await freshDatabase(serverUrl, `bench_dispatch_${instances}`);
  const env = d365Env(fake.url);
  await fillBacklog(url, env);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const count = async (where: string) => Number((await db.query(`SELECT count(*) AS n FROM postings ${where}`)).rows[0].n);
  const total = await count('');
  const pg0 = pgServerCpuSeconds();
  const bridges = await Promise.all(Array.from({ length: instances }, () => startServer(['dist/node.js'], { ...env, INGEST_TOKEN: TOKEN, DATABASE_URL: url })));
  const started = performance.now();
  try {
    while ((await count(`WHERE state = 'delivered'`)) < total) {
      if (performance.now() - started > 600_000) throw new Error(`dispatch: not all ${total} postings delivered within 10 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const pgCpu = pgServerCpuSeconds() - pg0;
    const bridgeCpu = bridges.reduce((a, b) => a + (cpuSeconds(b.child.pid) ?? 0), 0);
    const { first, last } = (await db.query(`SELECT min(updated_at) AS first, max(updated_at) AS last FROM postings`)).rows[0];
    const seconds = (Number(last) - Number(first)) / 1000;
    await Promise.all(bridges.map((b) => stopServer(b.child)));
    const seen = await fake.stop();
    return { slots: SLOTS, sent: total, seconds, perSecond: total / seconds, bridgeCpu: bridgeCpu / seconds, pgCpu: pgCpu / seconds, ...seen };
  } finally {
    await db.end();
    for (const b of bridges) b.child.kill('SIGTERM');
  }
}
