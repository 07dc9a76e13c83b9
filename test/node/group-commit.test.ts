// Group commit on the Node ledger (src/store/sqlite-group-commit.ts): deliveries committed in
// the same turn share one transaction, each in its own savepoint. One that fails takes only
// itself down, a key claimed earlier in the same group makes the later one its duplicate, and a
// group that cannot commit is written again delivery by delivery. (Killed mid-burst over HTTP,
// nothing answered is lost: fault-kill.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventCommit } from '../../src/store/ledger-store.js';
import { openSqliteLedger } from '../../src/store/sqlite-database.js';

const dir = mkdtempSync(join(tmpdir(), 'bridge-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const open = () => openSqliteLedger(join(dir, `g${++files}.db`), { synchronous: 'normal' });

let n = 0;
function event(key: string | undefined, over: Partial<EventCommit['delivery']> = {}): EventCommit {
  const id = `d-${++n}`;
  return {
    delivery: { id, receivedAt: 1_000_000, source: 'nextplus', integration: 'device', outcome: 'accepted', status: 200, externalId: `NP-${n}`, ...over },
    postings: [{ target: 'journal', productionOrder: 'PO-1', messageType: 'add', content: { n }, state: 'delivered' }],
    claims: key ? [{ key, expiresAt: null }] : [],
  };
}

const count = (l: ReturnType<typeof open>, sql: string, ...args: unknown[]) => (l.client.prepare(sql).pluck().get(...args) as number) ?? 0;
const counter = (l: ReturnType<typeof open>, labels: string) => count(l, "SELECT value FROM metric_counters WHERE name = 'deliveries_received' AND labels = ?", labels);

describe('group commit on the Node ledger', () => {
  it('commits deliveries arriving together in one group, each answered after it', async () => {
    const l = open();
    const before = { ...l.groupCommit };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => l.store.commitEvent(event(`k-${i}`))));
    expect(results.every((r) => r.committed)).toBe(true);
    expect(l.groupCommit.groups - before.groups).toBe(1);
    expect(l.groupCommit.writes - before.writes).toBe(10);
    expect(count(l, 'SELECT count(*) FROM deliveries')).toBe(10);
    expect(count(l, 'SELECT count(*) FROM postings')).toBe(10);
    expect(counter(l, 'source=nextplus,integration=device,outcome=accepted')).toBe(10);
    l.close();
  });

  it('a write failing inside a group fails alone, its rows rolled back; the others commit', async () => {
    const l = open();
    await l.store.commitEvent(event('first', { id: 'taken' }));
    // Same delivery id again: the insert fails, after its key claim was written.
    const [a, bad, b] = await Promise.allSettled([l.store.commitEvent(event('a')), l.store.commitEvent(event('bad', { id: 'taken' })), l.store.commitEvent(event('b'))]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(count(l, "SELECT count(*) FROM idempotency_keys WHERE key = 'bad'")).toBe(0);
    expect(count(l, 'SELECT count(*) FROM deliveries')).toBe(3);
    expect(counter(l, 'source=nextplus,integration=device,outcome=accepted')).toBe(3);
    l.close();
  });

  it('a duplicate inside one group is answered with the delivery that claimed the key first in it', async () => {
    const l = open();
    const first = event('same');
    const results = await Promise.all([l.store.commitEvent(first), l.store.commitEvent(event('same')), l.store.commitEvent(event('same'))]);
    expect(results[0]).toEqual({ committed: true });
    for (const r of results.slice(1)) {
      expect(r.committed).toBe(false);
      if (!r.committed) expect([r.owner.id, r.holder.key]).toEqual([first.delivery.id, 'same']);
    }
    expect(count(l, 'SELECT count(*) FROM deliveries')).toBe(1);
    expect(count(l, 'SELECT count(*) FROM postings')).toBe(1);
    l.close();
  });

  it('a group that cannot commit is written again one delivery at a time: only the bad one fails', async () => {
    const l = open();
    // The group's counters are written last, for the whole group: a counter refused fails the group.
    l.client.exec("CREATE TRIGGER refuse BEFORE INSERT ON metric_counters WHEN NEW.labels LIKE '%integration=bad%' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const settled = await Promise.allSettled([l.store.commitEvent(event('x')), l.store.commitEvent(event('y', { integration: 'bad' })), l.store.commitEvent(event('z'))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(count(l, 'SELECT count(*) FROM deliveries')).toBe(2);
    expect(count(l, "SELECT count(*) FROM idempotency_keys WHERE key = 'y'")).toBe(0);
    expect(counter(l, 'source=nextplus,integration=device,outcome=accepted')).toBe(2);
    l.close();
  });

  it('duplicates and refusals recorded in the same group as commits', async () => {
    const l = open();
    const before = l.groupCommit.groups;
    await Promise.all([
      l.store.commitEvent(event('r1')),
      l.store.recordDelivery({ id: 'dup-1', receivedAt: 1, integration: 'device', outcome: 'duplicate', status: 200 }),
      l.store.recordDelivery({ id: 'rej-1', receivedAt: 1, integration: 'device', outcome: 'rejected', status: 422 }),
    ]);
    expect(l.groupCommit.groups - before).toBe(1);
    expect(counter(l, 'source=nextplus,integration=device,outcome=duplicate')).toBe(1);
    expect(counter(l, 'source=nextplus,integration=device,outcome=rejected')).toBe(1);
    l.close();
  });
});
