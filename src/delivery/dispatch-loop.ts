// Keeps a Dispatcher running in a long-lived process (Node): every interval, and at once when
// new postings are committed. Runs never overlap; a kick during a run schedules one more.
import type { Logger } from '../deps.js';
import type { Dispatcher } from './dispatcher.js';

export interface DispatchLoop {
  kick(): void;
  /** Resolves when the current run (if any) has finished; no new runs start after. */
  stop(): Promise<void>;
}

export function startDispatchLoop(dispatcher: Dispatcher, intervalMs: number, logger: Logger): DispatchLoop {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = dispatcher
      .runOnce()
      .then(() => undefined)
      .catch((err) => logger.error('dispatcher run failed', { error: err instanceof Error ? err.stack : String(err) }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };

  const timer = setInterval(run, intervalMs);
  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
