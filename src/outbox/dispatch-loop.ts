// Keeps a Dispatcher running in a long-lived process (Node): every interval, and at once when
// new postings are committed. Runs never overlap; a kick during a run schedules one more.
import type { DispatcherHealth, Logger } from '../core/runtime.js';
import type { Dispatcher } from './dispatcher.js';

export interface DispatchLoop {
  kick(): void;
  /** Whether runs keep happening: /readyz reports it. */
  health(now: number): DispatcherHealth;
  /** Resolves when the current run (if any) has finished; no new runs start after. */
  stop(): Promise<void>;
}

/** A run going this long is stuck: every send has a timeout far below it. */
const STUCK_MS = 10 * 60_000;

export function startDispatchLoop(dispatcher: Dispatcher, intervalMs: number, logger: Logger, clock: { now(): number }): DispatchLoop {
  let running: Promise<void> | undefined;
  let runStartedAt: number | undefined;
  let lastFinishedAt: number | undefined;
  let again = false;
  let stopped = false;
  // Background work (alerts, retention, polls) rides on the interval's runs only: a kick comes
  // with every group of committed deliveries, and under load that would be hundreds a second.
  let backgroundDue = true;

  const run = (fromTimer: boolean) => {
    if (stopped) return;
    if (fromTimer) backgroundDue = true;
    if (running) {
      again = true;
      return;
    }
    runStartedAt = clock.now();
    const background = backgroundDue;
    backgroundDue = false;
    running = dispatcher
      .runOnce({ background })
      .then(() => undefined)
      .catch((err) => logger.error('dispatcher run failed', { error: err instanceof Error ? err.stack : String(err) }))
      .finally(() => {
        running = undefined;
        runStartedAt = undefined;
        lastFinishedAt = clock.now();
        if (again) {
          again = false;
          run(false);
        }
      });
  };

  const timer = setInterval(() => run(true), intervalMs);
  run(true);
  return {
    kick: () => run(false),
    health(now) {
      if (stopped) return { alive: false, detail: 'stopped' };
      if (runStartedAt !== undefined && now - runStartedAt > STUCK_MS) return { alive: false, detail: `a run has been going for ${Math.round((now - runStartedAt) / 1000)} s` };
      const last = lastFinishedAt === undefined ? 'no run finished yet' : `last run finished ${Math.round((now - lastFinishedAt) / 100) / 10} s ago`;
      return { alive: true, detail: `${runStartedAt !== undefined ? 'running; ' : ''}${last}` };
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      dispatcher.stop();
      await running;
      // A last try at results the ledger did not take; what is left is sent again at the next start.
      const left = await dispatcher.finishUnrecorded();
      if (left.length) logger.error('stopping with send results the ledger did not take; these postings are sent again at the next start', { postings: left });
    },
  };
}
