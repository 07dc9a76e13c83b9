// Calls to the VIF-style MO API (seed 004): every request carries the API key (as
// `Authorization: Bearer <key>`, or as is in the header VIF_AUTH_HEADER names) and goes to
// /mes/companies/{company}/establishments/{establishment}/mos[/{code}], {code} being the moNb.
import { callJson, type Caller, type JsonAnswer } from '../json-call.js';
import type { VifSettings } from './vif-settings.js';

/** An MO as VIF shows it; only the fields the bridge reads. */
export interface VifMo {
  moNb?: string;
  state?: string;
  quantityDone?: number;
  quantityFinal?: number;
  realBeginDate?: string;
  realEndDate?: string;
  childMos?: unknown[];
  [field: string]: unknown;
}

export class VifClient {
  private readonly base: string;
  private readonly caller: Caller;

  constructor(
    private readonly s: VifSettings,
    runtime: { fetch: typeof fetch; now(): number },
  ) {
    this.base = `${s.url}/mes/companies/${encodeURIComponent(s.company)}/establishments/${encodeURIComponent(s.establishment)}/mos`;
    this.caller = { fetch: runtime.fetch, timeoutMs: s.timeoutMs, now: runtime.now, system: 'VIF', urlSetting: 'VIF_URL' };
  }

  /** The MO numbered moNb; `mo` undefined when VIF has none (404). */
  async get(moNb: string): Promise<{ ok: true; mo?: VifMo } | Extract<JsonAnswer, { ok: false }>> {
    const answer = await this.call('GET', `/${encodeURIComponent(moNb)}`);
    if (!answer.ok && answer.status === 404) return { ok: true };
    if (!answer.ok) return answer;
    return { ok: true, mo: (answer.body ?? {}) as VifMo };
  }

  upsert(mo: Record<string, unknown>): Promise<JsonAnswer> {
    return this.call('POST', '', mo);
  }

  disable(moNb: string): Promise<JsonAnswer> {
    return this.call('DELETE', `/${encodeURIComponent(moNb)}`);
  }

  private call(method: string, path: string, body?: unknown): Promise<JsonAnswer> {
    const key = this.s.authHeader === 'authorization' ? `Bearer ${this.s.apiKey}` : this.s.apiKey;
    const headers: Record<string, string> = { [this.s.authHeader]: key, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return callJson(this.caller, `${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
}
