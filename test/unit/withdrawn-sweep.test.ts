// The catch-up poll's sweep of synced orders, on its own: a few order numbers per OData request,
// withdrawn events once for the orders gone or reset, and a run's budget that stops the sweep
// where it is — the next run goes on from the place kept in the ledger, without asking D365 for
// released orders again before the poll is due.
import { describe, expect, it } from 'vitest';
import { catchUpPoll } from '../../src/sources/d365/catch-up-poll.js';
import { d365SourceSettings } from '../../src/sources/d365/d365-source-settings.js';
import { ORDERS_PER_READ, SWEEP_MARK } from '../../src/sources/d365/withdrawn-sweep.js';
import { testClock } from '../support/harness.js';
import { quietLogger } from '../support/quiet-logger.js';

const numbers = Array.from({ length: 2 * ORDERS_PER_READ + 5 }, (_, i) => `P${String(i + 1).padStart(6, '0')}`);

function world(budget: number) {
  const marks = new Map<string, string>();
  const withdrawn = new Set<string>();
  const events: Record<string, unknown>[] = [];
  const calls: string[] = [];
  let left = budget;
  const gone = new Set(['P000003', 'P000030']); // deleted; P000044 is reset to Created
  const poll = catchUpPoll({
    settings: d365SourceSettings({ D365_COMPANY: 'usmf' }),
    odata: {
      releasedSince: async () => (left--, calls.push('released'), { ok: true, numbers: [] }),
      statusesOf: async (orders) => (left--, calls.push(`statuses of ${orders.length}`), { ok: true, statuses: new Map(orders.filter((o) => !gone.has(o)).map((o) => [o.toLowerCase(), o === 'P000044' ? 'Created' : 'Released'])) }),
    },
    watch: {
      outstanding: async (_source, after, limit) => numbers.filter((n) => n > after && !withdrawn.has(n)).slice(0, limit).map((n) => ({ productionOrder: n, verb: 'released', deliveryId: `dlv_${n}` })),
      lastClosed: async () => new Map(),
    },
    marks: { readMark: async (k) => marks.get(k), writeMark: async (k, v) => void (v === null ? marks.delete(k) : marks.set(k, v)) },
    ingest: async (e) => {
      events.push(e);
      withdrawn.add(String(e.ProductionOrderNumber));
    },
    budget: { left: () => left },
    clock: testClock(),
    logger: quietLogger(),
  });
  return { poll, marks, events, calls, renew: () => (left = budget) };
}

describe('the catch-up poll sweeps the synced orders for withdrawn ones', () => {
  it('asks about many orders per request and records each gone or reset order once', async () => {
    const w = world(200);
    await w.poll();
    expect(w.calls).toEqual(['released', `statuses of ${ORDERS_PER_READ}`, `statuses of ${ORDERS_PER_READ}`, 'statuses of 5']);
    expect(w.events.map((e) => [e.ProductionOrderNumber, e.ProductionOrderStatus, e.EventId])).toEqual([
      ['P000003', 'Deleted', 'withdrawn:usmf:P000003:dlv_P000003'],
      ['P000030', 'Deleted', 'withdrawn:usmf:P000030:dlv_P000030'],
      ['P000044', 'Created', 'withdrawn:usmf:P000044:dlv_P000044'],
    ]);
    expect(w.marks.has(SWEEP_MARK)).toBe(false);
  });

  it('stops where the run\'s budget ends and goes on at the next run', async () => {
    const w = world(4); // the released orders, two reads; the third waits
    await w.poll();
    expect(w.calls).toEqual(['released', `statuses of ${ORDERS_PER_READ}`, `statuses of ${ORDERS_PER_READ}`]);
    expect(w.marks.get(SWEEP_MARK)).toBe(numbers[2 * ORDERS_PER_READ - 1]);
    w.renew();
    await w.poll();
    expect(w.calls.slice(3)).toEqual(['statuses of 5']); // not the released orders again: not due
    expect(w.events.map((e) => e.ProductionOrderNumber)).toEqual(['P000003', 'P000030', 'P000044']);
    expect(w.marks.has(SWEEP_MARK)).toBe(false);
  });
});

describe('D365_RESET_STATUSES', () => {
  it('maps each listed status, and a gone order, to withdrawn', () => {
    const s = d365SourceSettings({ D365_COMPANY: 'usmf', D365_RESET_STATUSES: 'Created, Scheduled' });
    expect(s.statuses).toMatchObject({ Created: 'withdrawn', Scheduled: 'withdrawn', Deleted: 'withdrawn', StartedUp: 'started', Completed: 'ended' });
    expect(s.statuses.CostEstimated).toBeUndefined();
  });

  it('refuses a status from Released on in a sentence', () => {
    expect(() => d365SourceSettings({ D365_COMPANY: 'usmf', D365_RESET_STATUSES: 'Created,Released' })).toThrow('D365_RESET_STATUSES: Released is not a status before Released');
  });
});
