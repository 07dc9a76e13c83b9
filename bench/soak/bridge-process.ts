// The bridge under soak: the built bridge started on a fixed port (the same URLs across
// restarts, as the MES has them), its peak memory sampled every second, restarts by signal
// with what each stop left behind in the ledger, and the final graceful stop.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { nodeLeases, postingsInState, sleep } from '../../test/support/fault-tools.js';
import { startBridge, stopBridge, type Started } from '../../test/support/spawn-bridge.js';
import type { Clock } from './clock.js';

export interface Stop {
  at: number;
  signal: NodeJS.Signals;
  exit: string;
  stopMs: number;
  /** Postings left 'sending' in the ledger after the process was gone: what may be sent twice. */
  sendingLeft: number;
  leaseLeft: boolean;
  downMs: number;
}

const exitOf = (s: Started) => (s.child.exitCode !== null ? `exit ${s.child.exitCode}` : `by ${s.child.signalCode}`);

/** Starts the first bridge on the ledger `db` and samples its memory until `finish()`. */
export async function soakBridge(env: Record<string, string>, db: string) {
  let bridge = await startBridge(env);
  const pids = [bridge.child.pid!];
  let maxRssKb = 0;
  const rssTimer = setInterval(() => {
    try {
      const kb = Number(readFileSync(`/proc/${bridge.child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
      maxRssKb = Math.max(maxRssKb, kb);
    } catch {
      /* between a stop and a start */
    }
  }, 1_000);
  const stops: Stop[] = [];
  const startFailures: string[] = [];

  /** Stops the bridge with `signal` and starts another on the same ledger and port, retrying a refused start. */
  async function restart(signal: NodeJS.Signals, clock: Clock) {
    const at = clock.elapsed();
    const t = performance.now();
    const old = bridge;
    await stopBridge(old.child, signal);
    const stopMs = Math.round(performance.now() - t);
    const sendingLeft = postingsInState(db, 'sending');
    const leaseLeft = nodeLeases(db).length > 0;
    for (let attempt = 1; ; attempt++) {
      try {
        bridge = await startBridge(env);
        break;
      } catch (err) {
        startFailures.push(`${signal} restart, attempt ${attempt}: ${(err as Error).message.split('\n').slice(0, 2).join(' ')}`);
        if (attempt >= 30) throw err;
        await sleep(1_000);
      }
    }
    pids.push(bridge.child.pid!);
    const exit = exitOf(old);
    stops.push({ at, signal, exit, stopMs, sendingLeft, leaseLeft, downMs: Math.round(performance.now() - t) });
    clock.log(`restart (${signal}): old bridge ended ${exit} after ${stopMs} ms, ${sendingLeft} postings left 'sending', lease ${leaseLeft ? 'left behind' : 'released'}; up again after ${Math.round(performance.now() - t)} ms`);
  }

  /** The last stop (SIGTERM); returns how the bridge ended. */
  async function finish() {
    await stopBridge(bridge.child, 'SIGTERM');
    clearInterval(rssTimer);
    return exitOf(bridge);
  }

  return { restart, finish, stops, startFailures, pids, maxRssKb: () => maxRssKb };
}

export type SoakBridge = Awaited<ReturnType<typeof soakBridge>>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
