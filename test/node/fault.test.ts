// The built bridge (node dist/node.js) under faults, over real HTTP with the fake D365 on
// localhost: killed with SIGKILL mid-burst and restarted on the same ledger (nothing that was
// acknowledged is lost, at most the sends in flight at the kill are repeated, each production
// order keeps its order), a second bridge started on the same ledger mid-burst (refused, with a
// sentence, sends nothing), and a restart right after a kill (not refused).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serveFakeD365 } from './fake-d365-server.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { itemOf, nodeLeases, postEvent, postingsInState, readLedger, runToExitWithin, settle, sleep } from '../support/fault-tools.js';
import { realEvent } from '../support/fixtures.js';
import { startBridge, stopBridge, type Started } from '../support/spawn-bridge.js';

/** The figures behind docs/reliability.md; printed with FAULT_REPORT=1 so the suite's output stays quiet. */
const report = (...lines: unknown[]) => process.env.FAULT_REPORT && console.log(...lines);

const dir = mkdtempSync(join(tmpdir(), 'bridge-fault-'));
const running: ChildProcess[] = [];
const fakes: ServedFake[] = [];

afterAll(async () => {
  await Promise.all(running.map((c) => stopBridge(c, 'SIGKILL')));
  await Promise.all(fakes.map((f) => f.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function fakeD365(latencyMs: number): Promise<FakeD365> {
  const served = await serveFakeD365();
  fakes.push(served);
  served.fake.latencyMs = latencyMs;
  return served.fake;
}

/** The bridge's settings: D365 as the only target, quick retries and dispatch, its own ledger. */
const bridgeEnv = (fake: FakeD365, databasePath: string, extra: Record<string, string> = {}) => ({
  ...fake.env({ ERP_TARGETS: 'd365', RETRY_BASE_MS: '50', RETRY_MAX_MS: '200', DISPATCH_INTERVAL_MS: '100', DISPATCH_CONCURRENCY: '4' }),
  DATABASE_PATH: databasePath,
  ...extra,
});

async function start(env: Record<string, string>): Promise<Started> {
  const s = await startBridge(env);
  running.push(s.child);
  return s;
}

/** Stops a bridge and returns how it ended. */
async function stop(s: Started, signal: NodeJS.Signals) {
  const t = performance.now();
  await stopBridge(s.child, signal);
  return { code: s.child.exitCode, signal: s.child.signalCode, ms: Math.round(performance.now() - t) };
}

const itemEvent = (order: string, sku: string) => realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 } });

/** What D365 received, as item SKUs: how many of each, and the first arrival of each per order. */
function tally(fake: FakeD365) {
  const count = new Map<string, number>();
  const firstArrivals = new Map<string, string[]>();
  for (const r of fake.received) {
    const sku = itemOf(r);
    if (!sku) continue;
    count.set(sku, (count.get(sku) ?? 0) + 1);
    if (count.get(sku) === 1) firstArrivals.set(r.order, [...(firstArrivals.get(r.order) ?? []), sku]);
  }
  const duplicates = [...count.values()].reduce((n, c) => n + c - 1, 0);
  return { count, firstArrivals, duplicates, distinct: count.size };
}

/**
 * A burst of item-attach events: `perOrder` for each of `orders` production orders, each order's
 * events sent one after another (so the order they were acknowledged in is unambiguous), all
 * orders at once. An event that gets no answer (the bridge is down) is sent again, the same
 * body, once `bridgeBack()` resolves, as the MES would: if the first one was committed the
 * ledger answers the repeat as a duplicate with the same externalId.
 */
async function burst(opts: {
  prefix: string;
  orders: number;
  perOrder: number;
  url: () => string;
  bridgeBack?: () => Promise<void>;
  onAck?: (acked: number) => void;
}) {
  const acked = new Map<string, string[]>(); // order -> SKUs in acknowledgement order
  const externalIds = new Set<string>();
  let count = 0;
  let unanswered = 0;
  await Promise.all(
    Array.from({ length: opts.orders }, async (_, o) => {
      const order = `${opts.prefix}-PO-${o}`;
      acked.set(order, []);
      for (let k = 0; k < opts.perOrder; k++) {
        const sku = `${opts.prefix}-${o}-${k}`;
        const body = itemEvent(order, sku);
        for (;;) {
          const r = await postEvent(opts.url(), body);
          if (r.ok) {
            acked.get(order)!.push(sku);
            externalIds.add(r.externalId);
            opts.onAck?.(++count);
            break;
          }
          if (r.status !== 0 || !opts.bridgeBack) throw new Error(`${sku}: ${r.status} ${'body' in r ? r.body : r.error}`);
          unanswered++;
          await opts.bridgeBack();
        }
      }
    }),
  );
  return { acked, externalIds, count, unanswered };
}

/** Every acknowledged SKU reached D365, and within each order first arrivals keep acknowledgement order. */
function expectDeliveredInOrder(fake: FakeD365, acked: Map<string, string[]>) {
  const t = tally(fake);
  const lost = [...acked.values()].flat().filter((sku) => !t.count.has(sku));
  expect(lost, 'acknowledged but never delivered').toEqual([]);
  for (const [order, skus] of acked) {
    const ackSet = new Set(skus);
    expect((t.firstArrivals.get(order) ?? []).filter((s) => ackSet.has(s)), `arrival order of ${order}`).toEqual(skus);
  }
  return t;
}

describe('the built bridge under faults', () => {
  it('kill -9 mid-burst: restarted on the same ledger, it loses nothing acknowledged and repeats at most the sends in flight', async () => {
    const fake = await fakeD365(20);
    const db = join(dir, 'kill.db');
    const env = bridgeEnv(fake, db);
    let bridge = await start(env);
    const ORDERS = 16;
    const PER_ORDER = 12; // 192 events
    const KILL_AT = 80;

    let back!: () => void;
    const bridgeBack = new Promise<void>((r) => (back = r));
    let atKill: { sending: number; queued: number; delivered: number; receivedByD365: number; acked: number } | undefined;
    let killed: Promise<void> | undefined;
    const killAndRestart = async (acked: number) => {
      await stopBridge(bridge.child, 'SIGKILL');
      atKill = {
        sending: postingsInState(db, 'sending'),
        queued: postingsInState(db, 'queued'),
        delivered: postingsInState(db, 'delivered'),
        receivedByD365: fake.received.length,
        acked,
      };
      const t = performance.now();
      bridge = await start(env); // on the same ledger, at once: the dead bridge's lease must not stand in the way
      restartMs = Math.round(performance.now() - t);
      back();
    };
    let restartMs = 0;

    const t0 = performance.now();
    const result = await burst({
      prefix: 'K',
      orders: ORDERS,
      perOrder: PER_ORDER,
      url: () => bridge.urls['Item Attach']!,
      bridgeBack: () => bridgeBack,
      onAck: (n) => {
        if (n === KILL_AT) killed = killAndRestart(n);
      },
    });
    await killed;
    const burstMs = Math.round(performance.now() - t0);
    expect(atKill, 'the kill happened mid-burst').toBeDefined();
    expect(atKill!.acked).toBeLessThan(result.count);

    const all = [...result.acked.values()].flat();
    const drained = await settle(
      () => fake.received.length,
      () => all.every((sku) => tally(fake).count.has(sku)) && postingsInState(db, 'queued') + postingsInState(db, 'sending') === 0,
      { quietMs: 500, timeoutMs: 15_000 },
    );
    const drainMs = Math.round(performance.now() - t0) - burstMs;
    const t = expectDeliveredInOrder(fake, result.acked);
    report(
      `kill -9: acknowledged ${result.count} (${result.externalIds.size} externalIds, ${result.unanswered} requests unanswered at the kill and sent again), ` +
        `delivered ${t.distinct} distinct (${fake.received.length} sends), duplicates ${t.duplicates}, in flight at kill ${atKill!.sending} ` +
        `(at kill: ${atKill!.acked} acked, ${atKill!.delivered} delivered, ${atKill!.queued} queued, D365 had ${atKill!.receivedByD365}); ` +
        `restart ${restartMs} ms, burst ${burstMs} ms, drain ${drainMs} ms`,
    );
    expect(drained, 'the outbox drained').toBe(true);
    expect(result.externalIds.size).toBe(result.count);
    expect(t.distinct).toBe(result.count); // nothing unacknowledged was made up either: repeats were answered as duplicates
    expect(t.duplicates).toBeLessThanOrEqual(atKill!.sending);
    expect(t.duplicates).toBeLessThanOrEqual(4); // DISPATCH_CONCURRENCY
    if (atKill!.sending > 0) expect(bridge.output()).toMatch(/took back postings whose sender stopped mid-send/);
    expect(fake.violations).toEqual([]);
    expect(await stop(bridge, 'SIGTERM')).toMatchObject({ code: 0 });
  });

  it('a second bridge on the same ledger mid-burst refuses to start with a sentence and sends nothing', async () => {
    const fake = await fakeD365(20);
    const db = join(dir, 'second.db');
    const env = bridgeEnv(fake, db);
    const first = await start(env);
    const port = new URL(first.base).port;

    let attempts: Promise<[Awaited<ReturnType<typeof runToExitWithin>>, Awaited<ReturnType<typeof runToExitWithin>>]> | undefined;
    let receivedAtAttempt = 0;
    const result = await burst({
      prefix: 'S',
      orders: 8,
      perOrder: 16, // 128 events
      url: () => first.urls['Item Attach']!,
      onAck: (n) => {
        if (n !== 40) return;
        receivedAtAttempt = fake.received.length;
        // Both while the first one is delivering: one on a free port, one on the first one's port.
        attempts = Promise.all([runToExitWithin(env, { stopWhen: /listening on/ }), runToExitWithin({ ...env, PORT: port }, { stopWhen: /listening on/ })]);
      },
    });
    const [samePath, samePort] = await attempts!;
    expect(nodeLeases(db).map((l) => l.pid), 'the first bridge still holds the ledger').toEqual([first.child.pid]);
    const sendingAfterAttempts = postingsInState(db, 'sending');
    const receivedAfterAttempts = fake.received.length;

    const all = [...result.acked.values()].flat();
    const drained = await settle(
      () => fake.received.length,
      () => all.every((sku) => tally(fake).count.has(sku)) && postingsInState(db, 'queued') + postingsInState(db, 'sending') === 0,
    );
    const t = expectDeliveredInOrder(fake, result.acked);
    report(
      `second bridge: refused in ${Math.round(samePath.ms)} ms (free port) and ${Math.round(samePort.ms)} ms (taken port) while D365 went from ${receivedAtAttempt} to ${receivedAfterAttempts} received; ` +
        `acknowledged ${result.count}, delivered ${t.distinct} distinct, duplicates ${t.duplicates}\n  ${samePath.output.trim()}\n  ${samePort.output.trim()}`,
    );
    expect(drained).toBe(true);
    expect(samePath.code).toBe(1);
    expect(samePath.output.trim()).toBe(
      `Another mes-erp-bridge (pid ${first.child.pid} on ${nodeLeases(db)[0]!.host}, running since ${new Date(nodeLeases(db)[0]!.startedAt).toISOString()}) is using the ledger ${db}. Stop it first (two bridges on one ledger would send postings twice), or give this one its own DATABASE_PATH.`,
    );
    expect(samePort.code).toBe(1);
    expect(samePort.output.trim()).toMatch(new RegExp(`^(Another mes-erp-bridge \\(pid ${first.child.pid} .*\\) is using the ledger ${db}\\.|Port ${port} is taken) .*\\.$`));
    expect(samePort.output).not.toMatch(/\n./); // one sentence, no stack trace
    expect(sendingAfterAttempts).toBeLessThanOrEqual(4);
    expect(t.duplicates).toBe(0);
    expect(t.distinct).toBe(result.count);
    expect(fake.violations).toEqual([]);
    expect(first.output()).not.toMatch(/took back postings|another bridge took over/);

    // The first one stops cleanly and gives the ledger up: a third starts at once.
    expect(await stop(first, 'SIGTERM')).toMatchObject({ code: 0 });
    expect(nodeLeases(db), 'the lease was released').toEqual([]);
    const t0 = performance.now();
    const third = await start(env);
    const thirdMs = Math.round(performance.now() - t0);
    report(`third start on the released ledger: ${thirdMs} ms`);
    expect(thirdMs).toBeLessThan(5_000);
    expect((await postEvent(third.urls['Item Attach']!, itemEvent('S-PO-0', 'S-third'))).ok).toBe(true);
    expect(await settle(() => fake.received.length, () => tally(fake).count.has('S-third'), { quietMs: 300 })).toBe(true);
    expect(await stop(third, 'SIGTERM')).toMatchObject({ code: 0 });
    expect(tally(fake).duplicates).toBe(0);
    expect(fake.violations).toEqual([]);
  });

  it('a restart right after kill -9 is not refused: the dead process no longer holds the ledger', async () => {
    const fake = await fakeD365(0);
    const db = join(dir, 'restart.db');
    const env = bridgeEnv(fake, db);
    const first = await start(env);
    const res = await postEvent(first.urls['Item Attach']!, itemEvent('R-PO-1', 'R-1'));
    expect(res.ok).toBe(true);
    await stop(first, 'SIGKILL');
    expect(nodeLeases(db).map((l) => l.pid), 'the killed bridge left its lease').toEqual([first.child.pid]);

    const t0 = performance.now();
    const second = await start(env);
    const ms = Math.round(performance.now() - t0);
    report(`restart right after kill -9: ${ms} ms`);
    expect(nodeLeases(db).map((l) => l.pid)).toEqual([second.child.pid]);
    const res2 = await postEvent(second.urls['Item Attach']!, itemEvent('R-PO-1', 'R-2'));
    expect(res2.ok).toBe(true);
    expect(await settle(() => fake.received.length, () => tally(fake).distinct === 2)).toBe(true);
    expect(tally(fake).duplicates).toBe(0);
    expect(await stop(second, 'SIGTERM')).toMatchObject({ code: 0 });
  });

  // In the Docker image node is PID 1: after a crash the container restarts with the same
  // hostname and the same pid, and the dead bridge's lease has that pid. A lease with our own pid
  // on our host, found before we take one, can only be a dead predecessor's. Simulated: a shell
  // prints its pid, the dead bridge's lease is given that pid, then the shell execs node.
  it('a restart that gets the dead bridge’s pid (PID 1 in a container) is not refused', async () => {
    const fake = await fakeD365(0);
    const db = join(dir, 'pid-reuse.db');
    const env = bridgeEnv(fake, db);
    const first = await start(env);
    await stop(first, 'SIGKILL');
    const result = await runToExitWithin(env, {
      deadlineMs: 10_000,
      stopWhen: /listening on/,
      command: ['sh', '-c', 'echo "$$"; read go; exec "$0" dist/node.js', process.execPath],
      onSpawn: (child) =>
        child.stdout.once('data', (line: Buffer) => {
          const pid = Number(String(line).trim());
          readLedger(db, (d) => d.prepare("UPDATE leases SET pid = ? WHERE kind = 'node'").run(pid));
          child.stdin.end('go\n');
        }),
    });
    report(`restart with the dead bridge's pid: exit ${result.code} after ${Math.round(result.ms)} ms: ${result.output.split('\n').slice(1, 2).join('')}`);
    expect(result.output).toMatch(/listening on/);
  });

  // A stop (docker stop, systemctl restart) during a backlog: no new send starts, the ones in
  // flight finish and are recorded, the lease is released, exit 0: the restart sends nothing twice.
  it('SIGTERM during a backlog finishes the sends in flight, releases the ledger and causes no duplicates', async () => {
    const fake = await fakeD365(1_000); // each send takes 1 s: 40 postings, 4 lanes at a time = 10 s of backlog
    const db = join(dir, 'sigterm.db');
    const env = bridgeEnv(fake, db);
    const bridge = await start(env);
    const result = await burst({ prefix: 'T', orders: 8, perOrder: 5, url: () => bridge.urls['Item Attach']! });
    await sleep(300); // the first sends are in flight
    const stopped = await stop(bridge, 'SIGTERM');
    const left = { sending: postingsInState(db, 'sending'), queued: postingsInState(db, 'queued'), leases: nodeLeases(db).length };

    fake.latencyMs = 0;
    const again = await start(env);
    const all = [...result.acked.values()].flat();
    await settle(() => fake.received.length, () => all.every((sku) => tally(fake).count.has(sku)) && postingsInState(db, 'queued') === 0);
    await stop(again, 'SIGTERM');
    const t = expectDeliveredInOrder(fake, result.acked);
    report(
      `SIGTERM during a backlog: exit ${stopped.code} after ${stopped.ms} ms, left ${left.sending} 'sending' and ${left.queued} queued, lease rows left ${left.leases}; ` +
        `after restart: ${t.distinct} distinct delivered, duplicates ${t.duplicates}`,
    );
    expect(stopped.code).toBe(0);
    expect(left.sending).toBe(0);
    expect(left.leases).toBe(0);
    expect(t.duplicates).toBe(0);
  });
  // The banner says the bridge is up (supervisors and these tests wait for it): from then on a
  // stop must take the graceful path, even when it arrives at once (a preload sends SIGTERM as
  // the banner is written).
  it('a SIGTERM right after the start banner is a graceful stop', async () => {
    const fake = await fakeD365(0);
    const db = join(dir, 'early-stop.db');
    const preload = fileURLToPath(new URL('../support/sigterm-at-banner.mjs', import.meta.url));
    const result = await runToExitWithin(bridgeEnv(fake, db), { deadlineMs: 10_000, command: [process.execPath, '--import', preload, 'dist/node.js'] });
    report(`SIGTERM at the banner: exit code ${result.code}, signal ${result.signal}, lease rows left ${nodeLeases(db).length}`);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(nodeLeases(db)).toEqual([]);
  });
});
