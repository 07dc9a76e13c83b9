// What only the Worker does: the default export configured by wrangler.toml, the first attempt
// in waitUntil right after the answer, and the Cron Trigger picking up whatever that missed.
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openD1Ledger } from '../../src/store/d1-database.js';
import { deliveries, postings } from '../../src/store/schema.js';
import { createWorker } from '../../src/worker.js';
import { FakeD365 } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { TEST_TOKEN, testClock } from '../support/harness.js';
import { quietLogger } from '../support/quiet-logger.js';
import { bridgeEnv, emptyLedger } from './worker-harness.js';

const ledger = () => openD1Ledger(env.DB);
const allPostings = () => ledger().db.select().from(postings).orderBy(postings.id);
const states = async () => (await allPostings()).map((p) => p.state);

function setUp(vars: Record<string, string> = {}) {
  const d365 = new FakeD365();
  const clock = testClock();
  const logger = quietLogger();
  const worker = createWorker({ fetch: d365.fetch, clock, logger });
  const workerEnv = bridgeEnv(d365.env({ RETRY_BASE_MS: '1000', RETRY_MAX_MS: '60000', ...vars }));
  /** One request, and whatever it left in waitUntil run to the end. */
  const post = async (path: string, body: unknown) => {
    const ctx = createExecutionContext();
    const request = new Request(`https://bridge.example${path}?token=${TEST_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const res = await worker.fetch(request, workerEnv, ctx);
    return { res, background: waitOnExecutionContext(ctx) };
  };
  const cron = async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: clock.now() }), workerEnv, ctx);
    await waitOnExecutionContext(ctx);
  };
  return { d365, clock, logger, post, cron };
}

beforeEach(emptyLedger);

describe('the deployed Worker (default export, wrangler.toml)', () => {
  it('without its secrets it answers every request with the command that fixes it, and logs why', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await SELF.fetch('https://bridge.example/nextplus/device?token=x', { method: 'POST', body: '{}' });
    expect(logged.mock.calls.map((c) => String(c[0])).join('\n')).toMatch('bridge is not configured');
    logged.mockRestore();
    expect(res.status).toBe(503);
    const { message } = (await res.json()) as { message: string };
    expect(message).toMatch('INGEST_TOKEN is not set: run `npx wrangler secret put INGEST_TOKEN`');
    expect(message).toMatch('ADMIN_TOKEN is not set');
  });
});

describe('D1 limits', () => {
  it('keeps a delivery near MAX_BODY_BYTES (wrangler.toml) within D1\'s 1 MB row, and refuses a larger one', async () => {
    const { post } = setUp();
    const padded = (bytes: number) => realEvent('device-add', { padding: 'x'.repeat(bytes) });
    const near = await post('/nextplus/device', padded(390_000));
    expect(near.res.status).toBe(200);
    const [row] = await ledger().db.select().from(deliveries);
    expect(row!.rawBody!.length + row!.event!.length).toBeGreaterThan(780_000);
    const over = await post('/nextplus/device', padded(410_000));
    expect(over.res.status).toBe(413);
    // Its first attempt runs on in waitUntil: let it end here, not in the next test's ledger.
    await near.background;
  });
});

describe('delivery on Workers', () => {
  it('makes the first attempt right after the answer, in waitUntil', async () => {
    const { d365, post } = setUp();
    const { res, background } = await post('/nextplus/device', realEvent('device-add'));
    expect(res.status).toBe(200);
    await background;
    expect(d365.received.map((r) => r.type)).toEqual(['ProdProductionOrderStart']);
    expect(await states()).toEqual(['delivered']);
    expect(d365.violations).toEqual([]);
  });

  it('the cron delivers what the first attempt could not, once the backoff has passed', async () => {
    const { d365, clock, post, cron } = setUp();
    d365.outage = { status: 503 };
    await (await post('/nextplus/device', realEvent('device-add'))).background;
    expect(await states()).toEqual(['queued']);
    d365.outage = undefined;
    await cron(); // too early: still backing off
    expect(d365.received).toHaveLength(0);
    clock.advance(60_000);
    await cron();
    expect(d365.received).toHaveLength(1);
    expect(await states()).toEqual(['delivered']);
  });

  it('a send cut off with its waitUntil is taken up again by the cron', async () => {
    const { d365, clock, post, cron } = setUp({ D365_TIMEOUT_MS: '5000' });
    d365.outage = { status: 503 };
    await (await post('/nextplus/device', realEvent('device-add'))).background;
    d365.outage = undefined;
    clock.advance(60_000);
    const [p] = await allPostings();
    // A later run's attempt, and the isolate died mid-send: its lease outlives its budget and a
    // send (25 s + 2 x 5 s), then lapses with nobody to renew it.
    const now = clock.now();
    await ledger().outbox.holdLease({ owner: 'run-died', kind: 'worker', host: 'worker', pid: null, startedAt: now, expiresAt: now + 35_000 }, now);
    await ledger().outbox.claim(p!.id, now, 'run-died');
    await cron();
    expect(d365.received).toHaveLength(0); // that send may still be in flight: not yet
    clock.advance(35_001); // the dead run's lease is over: its send is over, one way or the other
    await cron();
    expect(d365.received).toHaveLength(1);
    expect(await states()).toEqual(['delivered']);
  });

  it('concurrent dispatchers (waitUntils and crons at once) send each posting once, in order', async () => {
    const { d365, clock, post, cron } = setUp();
    d365.outage = { status: 503 };
    for (let i = 1; i <= 4; i++) {
      await (await post('/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: `PART-${i}`, quantity: i } }))).background;
    }
    d365.outage = undefined;
    d365.latencyMs = 20; // so the runs overlap
    clock.advance(60_000);
    const late = await post('/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: 'PART-5', quantity: 5 } }));
    await Promise.all([late.background, ...Array.from({ length: 5 }, () => cron())]);
    for (let i = 0; i < 5 && d365.received.length < 5; i++) await cron(); // a run that found the order busy left the rest to the next cron
    expect(d365.received.map((r) => (r.content.PickingListLines as { ItemNumber: string }[])[0]!.ItemNumber)).toEqual(['PART-1', 'PART-2', 'PART-3', 'PART-4', 'PART-5']);
    expect(await states()).toEqual(Array(5).fill('delivered'));
    expect(d365.violations).toEqual([]);
  });

  it('stops a run after DISPATCH_MAX_SENDS_PER_RUN sends and leaves the rest to the next cron', async () => {
    const { d365, clock, post, cron } = setUp({ DISPATCH_MAX_SENDS_PER_RUN: '2', DISPATCH_CONCURRENCY: '4' });
    d365.outage = { status: 503 };
    for (const order of ['A', 'B', 'C']) await (await post('/nextplus/device', realEvent('device-add', { workorderExternalId: order }))).background;
    d365.outage = undefined;
    clock.advance(60_000);
    const before = d365.sendRequests;
    await cron();
    expect(d365.sendRequests - before).toBe(2);
    await cron();
    expect(d365.received.map((r) => r.order).sort()).toEqual(['A', 'B', 'C']);
  });
});
