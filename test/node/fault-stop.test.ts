// The built bridge (node dist/node.js) stopped or doubled, over real HTTP with the fake D365 on
// localhost: a second bridge started on the same ledger mid-burst (refused, with a sentence,
// sends nothing), SIGTERM during a backlog (the sends in flight finish, nothing is sent twice)
// and SIGTERM as soon as the banner is out (still graceful). Kills: fault-kill.test.ts.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeEnv, faultFixture, report, stop } from '../support/fault-fixture.js';
import { nodeLeases, postEvent, postingsInState, settle, sleep } from '../support/fault-tools.js';
import { runToExit } from '../support/spawn-bridge.js';
import { burst, drained, expectDeliveredInOrder, itemEvent, tally } from '../support/item-burst.js';

const { dir, fakeD365, start } = faultFixture();

describe('the built bridge under faults', () => {
  it('a second bridge on the same ledger mid-burst refuses to start with a sentence and sends nothing', async () => {
    const fake = await fakeD365(20);
    const db = join(dir, 'second.db');
    const env = bridgeEnv(fake, db);
    const first = await start(env);
    const port = new URL(first.base).port;

    let attempts: Promise<[Awaited<ReturnType<typeof runToExit>>, Awaited<ReturnType<typeof runToExit>>]> | undefined;
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
        attempts = Promise.all([runToExit(env, { stopWhen: /listening on/ }), runToExit({ ...env, PORT: port }, { stopWhen: /listening on/ })]);
      },
    });
    const [samePath, samePort] = await attempts!;
    expect(nodeLeases(db).map((l) => l.pid), 'the first bridge still holds the ledger').toEqual([first.child.pid]);
    const sendingAfterAttempts = postingsInState(db, 'sending');
    const receivedAfterAttempts = fake.received.length;

    const done = await drained(fake, db, result.acked);
    const t = expectDeliveredInOrder(fake, result.acked);
    report(
      `second bridge: refused in ${Math.round(samePath.ms)} ms (free port) and ${Math.round(samePort.ms)} ms (taken port) while D365 went from ${receivedAtAttempt} to ${receivedAfterAttempts} received; ` +
        `acknowledged ${result.count}, delivered ${t.distinct} distinct, duplicates ${t.duplicates}\n  ${samePath.output.trim()}\n  ${samePort.output.trim()}`,
    );
    expect(done).toBe(true);
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
    await drained(fake, db, result.acked);
    await stop(again, 'SIGTERM');
    const t = expectDeliveredInOrder(fake, result.acked);
    report(
      `SIGTERM during a backlog: exit ${stopped.code} after ${stopped.ms} ms, left ${left.sending} 'sending' and ${left.queued} queued, lease rows left ${left.leases}; ` +
        `after restart: ${t.distinct} distinct delivered, duplicates ${t.duplicates}`,
    );
    expect(stopped.code).toBe(0);
    // A clean stop says so, in one line, with what it finished.
    expect(bridge.output().match(/^\{"level":"info".*"message":"stopped on SIGTERM: .*$/gm)).toHaveLength(1);
    expect(bridge.output()).toMatch('the sends in flight finished and were recorded');
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
    const result = await runToExit(bridgeEnv(fake, db), { deadlineMs: 10_000, command: [process.execPath, '--import', preload, 'dist/node.js'] });
    report(`SIGTERM at the banner: exit code ${result.code}, signal ${result.signal}, lease rows left ${nodeLeases(db).length}`);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.output.match(/^\{"level":"info".*"message":"stopped on SIGTERM: .*ledger released and closed".*$/gm)).toHaveLength(1);
    expect(nodeLeases(db)).toEqual([]);
  });
});
