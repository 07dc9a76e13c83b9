// Send results that finish together are recorded in one write; a group the ledger refuses is
// written again one by one, so only the result that can't be written fails.
import { describe, expect, it } from 'vitest';
import { ResultWriter } from '../../src/outbox/result-writer.js';
import type { AttemptFinish } from '../../src/store/outbox-store.js';

const finish = (postingId: number): AttemptFinish => ({
  attempt: { postingId, target: 'd365', owner: 'o', startedAt: 0, finishedAt: 1, outcome: 'delivered' },
  result: { state: 'delivered' },
});

describe('result writer', () => {
  it('writes results that finish in the same turn as one group', async () => {
    const writes: number[][] = [];
    const writer = new ResultWriter({ finishAttempts: async (fs) => void writes.push(fs.map((f) => f.attempt.postingId)) });
    await Promise.all([1, 2, 3].map((id) => writer.write(finish(id))));
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('results arriving while a group is being written go in the next group', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const writer = new ResultWriter({
      finishAttempts: (fs) => {
        writes.push(fs.map((f) => f.attempt.postingId));
        return writes.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    const first = writer.write(finish(1));
    await new Promise((r) => setTimeout(r, 5));
    const later = [2, 3].map((id) => writer.write(finish(id)));
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('a group the ledger refuses is retried one by one: only the bad result fails', async () => {
    const writes: number[][] = [];
    const writer = new ResultWriter({
      finishAttempts: async (fs) => {
        writes.push(fs.map((f) => f.attempt.postingId));
        if (fs.some((f) => f.attempt.postingId === 2)) throw new Error('SQLITE_FULL');
      },
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((id) => writer.write(finish(id))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
