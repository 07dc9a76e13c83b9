// The ledger stops writing just as the order read's result comes back: the result is kept and
// written later, and with it what the read returned (the work order to make, the route to
// remember) — a kept result must not lose the follow-ups that ride on it.
import { afterEach, expect, it } from 'vitest';
import type { OutboxStore } from '../../src/store/outbox-store.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import { allPostings } from '../support/harness.js';
import { serveFakeD365WithOData, serveFakeNextPlus } from './fake-order-sync-servers.js';
import { nodeHarness, type NodeHarness } from './node-harness.js';

let h: NodeHarness;
let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h.close();
  await Promise.all(stops.map((s) => s()));
  stops = [];
});

it('a kept result of the order read still plans the work order and remembers the route', async () => {
  const d365 = await serveFakeD365WithOData();
  const nextplus = await serveFakeNextPlus();
  stops = [d365.stop, nextplus.stop];
  let full = false;
  const wrapOutbox = (outbox: OutboxStore): OutboxStore =>
    new Proxy(outbox, {
      get(target, name) {
        if (full && (name === 'finishAttempt' || name === 'finishAttempts')) return async () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  h = await nodeHarness({ env: d365.fake.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'nextplus', ...nextplus.fake.env() }), wrapOutbox });
  await sendBusinessEvents(h, businessEvent('released'));
  full = true;
  await h.dispatch();
  expect((await allPostings(h)).filter((p) => p.target !== 'journal').map((p) => `${p.target}:${p.state}`)).toEqual(['d365-orders:sending']);

  full = false;
  h.clock.advance(30_000);
  await h.dispatch();
  expect((await allPostings(h)).filter((p) => p.target !== 'journal').map((p) => `${p.target}:${p.state}`)).toEqual(['d365-orders:delivered', 'nextplus:delivered']);
  expect(nextplus.fake.workordersNumbered('P000123')).toHaveLength(1);
  expect((await h.store.findKnownOrder({ productionOrder: 'P000123' }))?.route.map((s) => s.operationNumber)).toEqual([10, 20, 30]);
});
