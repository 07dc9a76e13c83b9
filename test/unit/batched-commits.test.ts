// The group commit PostgreSQL uses (src/store/batched-commits.ts): with inFlight, deliveries
// arriving while a group is written wait and become the next group, instead of each turn of
// the event loop starting a transaction of its own that queues on the same rows.
import { describe, expect, it } from 'vitest';
import { batchedCommits, type CommitWriter } from '../../src/store/batched-commits.js';
import type { Statement } from '../../src/store/drizzle-types.js';
import type { EventCommit } from '../../src/store/ledger-store.js';

const statement = (id: string): Statement => ({ toSQL: () => ({ sql: id, params: [] }) });
const commitOf = (id: string) => ({ delivery: { id } }) as unknown as EventCommit;
const tick = () => new Promise((r) => setTimeout(r, 0));

function recordingAtomic() {
  const groups: string[][] = [];
  let open = 0;
  let most = 0;
  const release: (() => void)[] = [];
  const atomic = async (statements: Statement[]) => {
    groups.push(statements.map((s) => s.toSQL().sql));
    most = Math.max(most, ++open);
    await new Promise<void>((r) => release.push(r));
    open--;
    return statements.map(() => 1);
  };
  return { atomic, groups, release, most: () => most };
}

const writer = (atomic: (s: Statement[]) => Promise<number[]>): CommitWriter => ({
  commitStatements: (c) => [statement(c.delivery.id)],
  recordStatements: () => [],
  commitAlone: async (c) => (await atomic([statement(c.delivery.id)]), { committed: true }),
  recordAlone: async () => {},
});

describe('batchedCommits with inFlight', () => {
  it('writes one group at a time and gathers what arrives meanwhile into the next', async () => {
    const db = recordingAtomic();
    const queue = batchedCommits(writer(db.atomic), db.atomic, { inFlight: 1 });
    const first = [queue.commit(commitOf('a')), queue.commit(commitOf('b'))];
    await tick();
    const later = ['c', 'd', 'e'].map((id) => queue.commit(commitOf(id)));
    await tick();
    await tick();
    expect(db.groups).toEqual([['a', 'b']]); // c, d, e wait for the group in flight
    db.release.shift()!();
    await Promise.all(first);
    await tick();
    expect(db.groups).toEqual([['a', 'b'], ['c', 'd', 'e']]);
    db.release.shift()!();
    expect(await Promise.all(later)).toEqual([{ committed: true }, { committed: true }, { committed: true }]);
    expect(db.most()).toBe(1);
  });

  it('without a limit, each turn of the event loop starts its own group at once', async () => {
    const db = recordingAtomic();
    const queue = batchedCommits(writer(db.atomic), db.atomic);
    const all = [queue.commit(commitOf('a')), queue.commit(commitOf('b'))];
    await tick();
    all.push(queue.commit(commitOf('c')), queue.commit(commitOf('d')));
    await tick();
    expect(db.groups).toEqual([['a', 'b'], ['c', 'd']]);
    expect(db.most()).toBe(2);
    db.release.splice(0).forEach((r) => r());
    await Promise.all(all);
  });
});
