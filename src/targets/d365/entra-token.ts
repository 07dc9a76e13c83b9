// OAuth 2.0 client credentials against Microsoft Entra ID. One token is cached and shared by
// every send, refreshed a few minutes before it expires, and fetched by one request at a time
// however many sends are waiting. The client secret never appears in an error or log.
import type { Clock } from '../../core/runtime.js';
import { unreachable } from '../classify-response.js';
import { discardAnswer, outboundFetch, readAnswer, redirectOf } from '../outbound-fetch.js';

interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The D365 environment URL without trailing slash, plus /.default */
  scope: string;
}

export class TokenError extends Error {
  /** permanent: only a corrected setting helps (a redirect); otherwise worth trying again later. */
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * Entra's answer is a JWT of one to two KB in a small JSON object; app roles can make it longer,
 * so it gets more room than ANSWER_BYTES, but still a bound.
 */
const TOKEN_ANSWER_BYTES = 16 * 1024;

export class EntraTokenSource {
  private cached?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly creds: ClientCredentials,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.expiresAt - REFRESH_MARGIN_MS) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The ERP refused the token (401): the next send fetches a fresh one. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.creds.clientId,
      client_secret: this.creds.clientSecret,
      scope: this.creds.scope,
    });
    let res: Response;
    let answer: { text: string; complete: boolean };
    try {
      res = await outboundFetch(
        this.fetchFn,
        this.creds.tokenUrl,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
        this.timeoutMs,
      );
      const location = redirectOf(res);
      if (location !== undefined) {
        await discardAnswer(res);
        throw new TokenError(
          `the token endpoint answered HTTP ${res.status} redirecting to ${location}: a redirect is never a token; check D365_TOKEN_URL and D365_TENANT_ID`,
          true,
        );
      }
      answer = await readAnswer(res, TOKEN_ANSWER_BYTES);
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError(unreachable(err, 'the token endpoint', this.timeoutMs, this.creds.tokenUrl));
    }
    // No such tenant, or a mistyped path: Entra ID answers 404 (or 400 AADSTS90002) — a
    // setting to correct, not credentials to renew.
    if (res.status === 404 || res.status === 405) {
      throw new TokenError(`Entra ID answered ${res.status} at the token URL: check D365_TOKEN_URL / D365_TENANT_ID`);
    }
    if (!answer.complete) throw new TokenError(`the token endpoint's answer (HTTP ${res.status}) is longer than ${TOKEN_ANSWER_BYTES} bytes, so it is not a token`);
    const text = answer.text;
    let json: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') json = parsed;
    } catch {
      /* reported below */
    }
    if (!res.ok || typeof json.access_token !== 'string') {
      const why = [json.error, typeof json.error_description === 'string' ? json.error_description.split('\n')[0] : undefined].filter(Boolean).join(': ');
      if (res.status >= 500) throw new TokenError(`Entra ID answered HTTP ${res.status} at the token URL (its trouble; retried)${why ? `: ${why}` : ''}`);
      if (/AADSTS90002|AADSTS900023/.test(why)) throw new TokenError(`Entra ID does not know the tenant: check D365_TENANT_ID / D365_TOKEN_URL (HTTP ${res.status}, ${why})`);
      if (res.ok) throw new TokenError(`the token URL answered HTTP ${res.status} without an access token: check D365_TOKEN_URL`);
      throw new TokenError(`Entra ID refused the client credentials (HTTP ${res.status}${why ? `, ${why}` : ''}): check D365_CLIENT_ID / D365_CLIENT_SECRET`);
    }
    const seconds = Number(json.expires_in) > 0 ? Number(json.expires_in) : 3600;
    this.cached = { token: json.access_token, expiresAt: this.clock.now() + seconds * 1000 };
    return json.access_token;
  }
}
