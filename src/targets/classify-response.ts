// What an HTTP answer from a target means for the posting: accepted (2xx), worth retrying
// (throttled, timed out, server trouble, token trouble) or refused for good (any other 4xx,
// 410 Gone included: the message or the endpoint is wrong, a person has to look). A 3xx is
// refused for good too: the request was not followed (outbound-fetch.ts), so nothing was
// delivered, and only a corrected URL setting makes it work.
import type { SendResult } from './connector.js';
import { describeNetworkError } from './network-error.js';
import { discardAnswer, readAnswer, redirectOf } from './outbound-fetch.js';

const EXCERPT = 2000;

/** Who answered, for the words of a failure: the system and the setting that holds its URL. */
interface Answerer {
  system: string;
  urlSetting: string;
}

export async function classifyResponse(res: Response, now: number, who: Answerer): Promise<SendResult> {
  const location = redirectOf(res);
  if (location !== undefined) {
    await discardAnswer(res);
    return {
      outcome: 'permanent',
      status: res.status,
      error: `${who.system} redirected to ${location}: a redirect is never a delivery; check ${who.urlSetting}`,
    };
  }
  const response = (await readAnswer(res)).text.slice(0, EXCERPT);
  if (res.ok) return { outcome: 'delivered', status: res.status, response };
  const transient = res.status === 401 || res.status === 408 || res.status === 429 || res.status >= 500;
  return {
    outcome: transient ? 'transient' : 'permanent',
    status: res.status,
    response,
    retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now),
  };
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A send that threw: a timeout or a network failure, both worth retrying. `url`: what it called, for the host's name. */
export function sendFailure(err: unknown, system: string, timeoutMs: number, url?: string): Exclude<SendResult, { outcome: 'delivered' }> {
  return { outcome: 'transient', error: unreachable(err, system, timeoutMs, url) };
}

/** Why a call that threw got no answer, in words: it timed out, or what the network said. */
export function unreachable(err: unknown, system: string, timeoutMs: number, url?: string): string {
  const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
  return timedOut ? `no answer from ${system} within ${timeoutMs} ms` : `could not reach ${system}: ${describeNetworkError(err, url)}`;
}
