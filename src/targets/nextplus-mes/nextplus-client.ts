// Next Plus's REST API, LoopBack style: POST /api/Users/login {username, password} answers
// {"id": <access token>, "ttl": <seconds>}; the token goes in the Authorization header as is. One
// token is cached and shared by every send, refreshed before its ttl runs out and once on a 401.
import type { SendResult } from '../connector.js';
import { callJson, type Caller, type JsonAnswer } from '../json-call.js';

export interface NextPlusConnection {
  url: string;
  username: string;
  password: string;
  loginPath: string;
  workordersPath: string;
  timeoutMs: number;
}
type Failure = Exclude<SendResult, { outcome: 'delivered' }>;

const MARGIN_MS = 60_000;

export class NextPlusClient {
  private token?: { id: string; expiresAt: number };
  private pending?: Promise<string | Failure>;

  constructor(
    private readonly c: NextPlusConnection,
    private readonly caller: Caller,
  ) {}

  /** A request with the cached token; logs in first when there is none, and once more on a 401. */
  async call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<JsonAnswer> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.login();
      if (typeof token !== 'string') return { ok: false, failure: token };
      const headers: Record<string, string> = { authorization: token, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const answer = await callJson(this.caller, `${this.c.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!answer.ok && answer.status === 401 && attempt === 1) {
        this.token = undefined;
        continue;
      }
      return answer;
    }
  }

  private login(): Promise<string | Failure> {
    if (this.token && this.caller.now() < this.token.expiresAt - MARGIN_MS) return Promise.resolve(this.token.id);
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string | Failure> {
    const answer = await callJson(this.caller, `${this.c.url}${this.c.loginPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: this.c.username, password: this.c.password }),
    });
    if (!answer.ok) {
      const refused = answer.status === 401 || answer.status === 400;
      return { ...answer.failure, outcome: refused ? 'transient' : answer.failure.outcome, error: `Next Plus login failed${refused ? ': check NEXTPLUS_USERNAME and NEXTPLUS_PASSWORD' : ''}${answer.failure.error ? ` (${answer.failure.error})` : ''}` };
    }
    const { id, ttl } = (answer.body ?? {}) as { id?: unknown; ttl?: unknown };
    if (typeof id !== 'string' || !id) return { outcome: 'transient', error: 'Next Plus login answered without an access token ("id")' };
    const seconds = typeof ttl === 'number' && ttl > 0 ? ttl : 3600;
    this.token = { id, expiresAt: this.caller.now() + seconds * 1000 };
    return id;
  }
}
