// The soak's chaos: ERP outages and bridge restarts on a fixed schedule, one step at a time
// (a restart never overlaps another), while the load goes on beside it.
import type { FakeD365 } from '../../test/support/fake-d365.js';
import type { Clock } from './clock.js';

type Step = { atMs: number; what: () => Promise<void> | void };

/**
 * Every 60 s: a 429 burst at +5 s, a restart at +12 s, a 503 outage from +20 s for 20-40 s,
 * and a restart 1.5 s after it ends, while the backlog it built is being sent. The signals
 * alternate (SIGTERM, SIGKILL, SIGKILL, SIGTERM, …), so each meets both an idle and a busy outbox.
 */
export function chaosSchedule(opts: {
  durationMs: number;
  fake: FakeD365;
  clock: Clock;
  restart: (signal: NodeJS.Signals) => Promise<void>;
  /** Once the load is done, an outage's end no longer brings a restart. */
  loadDone: () => boolean;
  anomalies: string[];
}) {
  const { durationMs, fake, clock, restart, loadDone, anomalies } = opts;
  let chaos = Promise.resolve();
  const chain = (what: () => Promise<void> | void) => {
    chaos = chaos.then(what).catch((err) => void anomalies.push(`chaos step failed: ${(err as Error).message}`));
  };
  const schedule: Step[] = [];
  for (let cycle = 0; cycle * 60_000 < durationMs; cycle++) {
    const base = cycle * 60_000;
    const [idle, busy] = (cycle % 2 === 0 ? ['SIGTERM', 'SIGKILL'] : ['SIGKILL', 'SIGTERM']) as [NodeJS.Signals, NodeJS.Signals];
    schedule.push({
      atMs: base + 5_000,
      what: () => {
        const retryAfter = 1 + Math.floor(Math.random() * 3);
        for (let i = 0; i < 20; i++) fake.nextFailures.push({ status: 429, retryAfter: String(retryAfter) });
        clock.log(`ERP: 20 answers of 429 with Retry-After ${retryAfter} s`);
      },
    });
    schedule.push({ atMs: base + 12_000, what: () => restart(idle) });
    schedule.push({
      atMs: base + 20_000,
      what: () => {
        // Over before the load ends (less than 20 s only in a run too short for it), so the
        // restart after it still meets the load.
        const left = Math.floor((durationMs - clock.elapsedMs()) / 1000) - 6;
        const seconds = Math.max(5, Math.min(20 + Math.floor(Math.random() * 21), left));
        fake.outage = { status: 503 };
        clock.log(`ERP: outage (503) for ${seconds} s`);
        setTimeout(() => {
          if (loadDone()) return;
          fake.outage = undefined;
          clock.log('ERP: back');
          setTimeout(() => !loadDone() && chain(() => restart(busy)), 1_500);
        }, seconds * 1_000);
      },
    });
  }
  schedule.sort((a, b) => a.atMs - b.atMs);

  return {
    /** Chains every step due by `nowMs` (since the clock's start). */
    runDue(nowMs: number) {
      while (schedule.length && schedule[0]!.atMs <= nowMs) {
        chain(schedule.shift()!.what);
      }
    },
    /** The chain as it stands: resolves once the steps chained so far are done. */
    settled: () => chaos,
  };
}
