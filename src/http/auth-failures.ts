// Counts wrong tokens per client address and turns the excess into 429s: guessing a 32-character
// token is hopeless anyway, but a flood of wrong ones is noise in the logs and load on the
// ledger's neighbours, and someone should hear of it. Only failures count and a right token
// is never held back: the line must not stop because a neighbour behind the same NAT misbehaves.
import type { Logger } from '../core/runtime.js';

const WINDOW_MS = 60_000;
/** Addresses remembered at most: a flood from many addresses can't grow the map without bound. */
const MAX_TRACKED = 10_000;

interface Tally {
  windowStart: number;
  failures: number;
  warned: boolean;
}

export interface AuthFailures {
  /**
   * A wrong token from `address`: the seconds it must wait (answer 429; not counted), or 0 once
   * it is counted (answer 401).
   */
  wrongToken(address: string, now: number, where: string): number;
}

export function authFailureLimiter(perMinute: number, logger: Logger): AuthFailures {
  const tallies = new Map<string, Tally>();
  const current = (address: string, now: number) => {
    let t = tallies.get(address);
    if (!t || now - t.windowStart >= WINDOW_MS) {
      if (!t && tallies.size >= MAX_TRACKED) tallies.delete(tallies.keys().next().value!);
      t = { windowStart: now, failures: 0, warned: false };
      tallies.set(address, t);
    }
    return t;
  };
  return {
    wrongToken(address, now, where) {
      const t = current(address, now);
      if (t.failures >= perMinute) return Math.ceil((t.windowStart + WINDOW_MS - now) / 1000);
      t.failures++;
      if (t.failures >= perMinute && !t.warned) {
        t.warned = true;
        logger.warn('too many wrong tokens: answering 429 until the minute is over', { address, where, failures: t.failures });
      }
      return 0;
    },
  };
}
