// One JSON request to a system the bridge reads from or writes to (D365 OData, the MES APIs),
// through outbound-fetch.ts (no redirect followed, the answer read up to a bound): the parsed
// answer on a 2xx, or the failed send as the outbox understands it (classify-response.ts).
import { classifyResponse, sendFailure } from './classify-response.js';
import type { SendResult } from './connector.js';
import { outboundFetch, readAnswer, redirectOf } from './outbound-fetch.js';

export interface Caller {
  fetch: typeof fetch;
  timeoutMs: number;
  now(): number;
  /** The system's name and the setting holding its URL, for the words of a failure. */
  system: string;
  urlSetting: string;
}

export type JsonAnswer = { ok: true; status: number; body: unknown } | { ok: false; status?: number; failure: Exclude<SendResult, { outcome: 'delivered' }> };

/** A JSON answer as large as a page of OData rows is read whole; anything longer is no answer the bridge asked for. */
const JSON_ANSWER_BYTES = 1024 * 1024;

export async function callJson(c: Caller, url: string, init: Omit<RequestInit, 'redirect' | 'signal'>): Promise<JsonAnswer> {
  let res: Response;
  try {
    res = await outboundFetch(c.fetch, url, init, c.timeoutMs);
  } catch (err) {
    return { ok: false, failure: sendFailure(err, c.system, c.timeoutMs) };
  }
  if (!res.ok || redirectOf(res) !== undefined) {
    const failure = await classifyResponse(res, c.now(), c);
    return { ok: false, status: res.status, failure: failure.outcome === 'delivered' ? { outcome: 'permanent', status: res.status } : failure };
  }
  const answer = await readAnswer(res, JSON_ANSWER_BYTES);
  if (!answer.complete) return { ok: false, status: res.status, failure: { outcome: 'permanent', status: res.status, error: `${c.system}'s answer is longer than ${JSON_ANSWER_BYTES} bytes` } };
  if (answer.text.trim() === '') return { ok: true, status: res.status, body: undefined };
  try {
    return { ok: true, status: res.status, body: JSON.parse(answer.text) };
  } catch {
    return { ok: false, status: res.status, failure: { outcome: 'transient', status: res.status, error: `${c.system} answered HTTP ${res.status} with something that is not JSON`, response: answer.text.slice(0, 300) } };
  }
}
