// The Node loop does the background work (alerts, retention, polls) on its interval runs only:
// a kick after every committed group of deliveries must not read the ledger's history again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDispatchLoop, type DispatchLoop } from '../../src/outbox/dispatch-loop.js';
import type { Dispatcher } from '../../src/outbox/dispatcher.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('dispatch loop', () => {
  let loop: DispatchLoop | undefined;
  afterEach(async () => {
    await loop?.stop();
    vi.useRealTimers();
  });

  it('does background work on the first and interval runs, not on kicks', async () => {
    vi.useFakeTimers();
    const runs: (boolean | undefined)[] = [];
    const dispatcher = { runOnce: async (o: { background?: boolean }) => (runs.push(o.background), 0), stop() {}, finishUnrecorded: async () => [] } as unknown as Dispatcher;
    loop = startDispatchLoop(dispatcher, 1000, quiet, { now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) {
      loop.kick();
      await vi.advanceTimersByTimeAsync(0);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([true, false, false, false, false, false, true]);
  });

  it('a kick during a run leaves a due background run due', async () => {
    vi.useFakeTimers();
    const runs: (boolean | undefined)[] = [];
    let release: () => void = () => {};
    const dispatcher = {
      runOnce: (o: { background?: boolean }) => (runs.push(o.background), new Promise<number>((r) => (release = () => r(0)))),
      stop() {},
      finishUnrecorded: async () => [],
    } as unknown as Dispatcher;
    loop = startDispatchLoop(dispatcher, 1000, quiet, { now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(1000); // the timer fires while the first run hangs
    loop.kick();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    expect(runs).toEqual([true, true]);
  });
});
