// The ledger stops writing (a full disk) while sends are in flight: the ERP has the messages,
// the bridge can't record it. The results are kept and written once the ledger writes again —
// by the same process, without a restart, and without sending anything twice. Meanwhile
// /readyz says not ready (it tests a write, not only a read) and nothing new is sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxStore } from '../../src/store/outbox-store.js';
import type { FakeD365 } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allPostings, post } from '../support/harness.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { nodeHarness, type NodeHarness } from './node-harness.js';

const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
/** The outbox with its writes after a send failing the way SQLite's do on a full disk. */
function diskFullWhile(full: () => boolean) {
  return (outbox: OutboxStore): OutboxStore =>
    new Proxy(outbox, {
      get(target, name) {
        if (full() && (name === 'finishAttempt' || name === 'finishAttempts' || name === 'probeWrite')) return async () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

describe('the ledger stops writing while sends are in flight', () => {
  let d365: FakeD365;
  let stop: () => Promise<void>;
  let h: NodeHarness;
  let full = false;
  beforeEach(async () => {
    ({ fake: d365, stop } = await serveFakeD365());
    full = false;
    h = await nodeHarness({ env: d365.env(), wrapOutbox: diskFullWhile(() => full) });
  });
  afterEach(async () => {
    expect(d365.violations).toEqual([]);
    await h.close();
    await stop();
  });

  const attach = (order: string, sku: string) => post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 } }));
  const states = async () => (await allPostings(h)).map((p) => `${p.productionOrder}:${p.state}`);
  const readyz = async () => {
    const res = await h.request('/readyz');
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('keeps the results, is not ready, sends nothing new; once the ledger writes, records them, is ready, and sent nothing twice', async () => {
    await attach('A', 'A1');
    await attach('B', 'B1');
    full = true;
    await h.dispatch();
    expect(d365.itemsOf('A')).toEqual(['A1']);
    expect(await states()).toEqual(['A:sending', 'B:sending']);
    expect(await readyz()).toMatchObject({ status: 503, body: { status: 'not ready', database: 'unreachable', unrecordedResults: 2 } });

    // Still full: a later event is queued (the answer was written before), but not sent.
    await attach('A', 'A2');
    await attach('C', 'C1');
    h.clock.advance(5_000);
    await h.dispatch();
    expect(d365.received).toHaveLength(2);
    const [a1] = await allPostings(h);
    const retry = await h.request(`/admin/api/postings/${a1!.id}/retry`, { method: 'POST', headers: admin });
    expect(retry.status).toBe(409);

    // The disk has room again: the next run records what was sent, then sends the rest, in order.
    full = false;
    expect(await readyz()).toMatchObject({ status: 503, body: { database: 'ok', unrecordedResults: 2 } });
    h.clock.advance(30_000);
    await h.dispatch();
    expect(await states()).toEqual(['A:delivered', 'B:delivered', 'A:delivered', 'C:delivered']);
    expect(d365.itemsOf('A')).toEqual(['A1', 'A2']);
    expect(d365.itemsOf('B')).toEqual(['B1']);
    expect(d365.received).toHaveLength(4);
    expect((await h.outbox.attemptsOf(a1!.id)).map((a) => a.outcome)).toEqual(['delivered']);
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', database: 'ok', unrecordedResults: 0 } });

    // Operator actions work again on what follows.
    await attach('D', 'D1');
    const d1 = (await allPostings(h)).at(-1)!;
    const cancel = await h.request(`/admin/api/postings/${d1.id}/cancel`, { method: 'POST', headers: admin });
    expect(cancel.status).toBe(200);
  });

  it('a result that could not be written is written at stop time if the ledger writes again by then', async () => {
    await attach('A', 'A1');
    full = true;
    await h.dispatch();
    full = false;
    expect(await h.deps.dispatcher.finishUnrecorded()).toEqual([]);
    expect(await states()).toEqual(['A:delivered']);
  });
});
