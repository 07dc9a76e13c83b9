// What the multi-instance tests (test/postgres/*-bridges*.test.ts, database-stop) set up the same
// way: built bridges (node dist/node.js) on one PostgreSQL database with the fake D365 on
// localhost, a sender that spreads deliveries over them round-robin and tries the next one when
// one does not answer (as a load balancer would), and the ledger read behind their backs.
import pg from 'pg';
import { serveFakeD365 } from '../node/fake-d365-server.js';
import { bridgeFixture } from '../support/bridge-fixture.js';
import type { FakeD365 } from '../support/fake-d365.js';
import { postEvent, sleep, type PostResult } from '../support/fault-tools.js';
import { itemEvent, tally } from '../support/item-burst.js';
import type { Started } from '../support/spawn-bridge.js';

export const INGEST = 'pg-bridges-ingest-token-0123456789abcdef';
export const ADMIN = 'pg-bridges-admin-token-0123456789abcdef0';

/** Call at a test file's top level: bridges on PostgreSQL and fake D365s, all stopped after the file. */
export function pgBridgeFixture() {
  const { start, afterBridges } = bridgeFixture('pg-bridges');

  async function fakeD365(latencyMs: number): Promise<FakeD365> {
    const served = await serveFakeD365();
    afterBridges(served.stop);
    served.fake.latencyMs = latencyMs;
    return served.fake;
  }

  /** `n` bridges on the database at `url`, started one after another (the first migrates). */
  async function startBridges(n: number, fake: FakeD365, url: string, extra: Record<string, string> = {}): Promise<Started[]> {
    const env = bridgeEnvPg(fake, url, extra);
    const started: Started[] = [];
    for (let i = 0; i < n; i++) started.push(await start(env));
    return started;
  }

  return { fakeD365, startBridges, afterBridges };
}

export const bridgeEnvPg = (fake: FakeD365, url: string, extra: Record<string, string> = {}) => ({
  ...fake.env({ ERP_TARGETS: 'd365', RETRY_BASE_MS: '50', RETRY_MAX_MS: '200', DISPATCH_INTERVAL_MS: '100', DISPATCH_CONCURRENCY: '4' }),
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '4',
  INGEST_TOKEN: INGEST,
  ADMIN_TOKEN: ADMIN,
  ...extra,
});

/** One query on the ledger, on a connection of its own (the bridges may be running, dead or cut off). */
export async function onLedger<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export const postingsIn = async (url: string, states: string[]) =>
  Number((await onLedger<{ n: string }>(url, 'SELECT count(*) AS n FROM postings WHERE state = ANY($1)', [states]))[0]!.n);

export interface SpreadResult {
  acked: Map<string, string[]>;
  externalIds: Set<string>;
  count: number;
  /** Every answer that was not an acknowledgement, with when it came (ms since the burst began). */
  failures: (PostResult & { at: number; sentAt: number })[];
  /** Acknowledgements, with when each was sent and answered. */
  acks: { sentAt: number; at: number }[];
}

/**
 * A burst of item-attach events (`perOrder` for each of `orders` production orders, each order's
 * events one after another, all orders at once) spread over `urls()` round-robin. An event that
 * gets no answer or a 5xx is sent again, the same body, to the next bridge after `retryMs` — as a
 * load balancer (no answer) or the MES (503) would. `onAck` sees the running count.
 */
export async function spreadBurst(opts: { prefix: string; orders: number; perOrder: number; urls: () => string[]; retryMs?: number; onAck?: (n: number) => void }): Promise<SpreadResult> {
  const t0 = performance.now();
  const result: SpreadResult = { acked: new Map(), externalIds: new Set(), count: 0, failures: [], acks: [] };
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.orders }, async (_, o) => {
      const order = `${opts.prefix}-PO-${o}`;
      result.acked.set(order, []);
      for (let k = 0; k < opts.perOrder; k++) {
        const sku = `${opts.prefix}-${o}-${k}`;
        const body = itemEvent(order, sku);
        for (let tries = 0; ; tries++) {
          const urls = opts.urls();
          const sentAt = performance.now() - t0;
          const r = await postEvent(urls[next++ % urls.length]!, body);
          if (r.ok) {
            result.acked.get(order)!.push(sku);
            result.externalIds.add(r.externalId);
            result.acks.push({ sentAt, at: performance.now() - t0 });
            opts.onAck?.(++result.count);
            break;
          }
          result.failures.push({ ...r, sentAt, at: performance.now() - t0 });
          if ((r.status !== 0 && r.status < 500) || tries > 200) throw new Error(`${sku}: ${r.status} ${'body' in r ? r.body : r.error}`);
          if (opts.retryMs) await sleep(opts.retryMs);
        }
      }
    }),
  );
  return result;
}

/**
 * Waits until D365 has every acknowledged SKU and the ledger has nothing queued or sending, then
 * a quiet while more (room for a wrongful repeat to show up). Returns whether that happened.
 */
export async function drainedPg(fake: FakeD365, url: string, acked: Map<string, string[]>, { timeoutMs = 20_000, quietMs = 1_000 } = {}) {
  const all = [...acked.values()].flat();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { count } = tally(fake);
    if (all.every((sku) => count.has(sku)) && (await postingsIn(url, ['queued', 'sending'])) === 0) {
      const seen = fake.received.length;
      await sleep(quietMs);
      if (fake.received.length === seen) return true;
    } else {
      await sleep(200);
    }
  }
  return false;
}
