// OAuth 2.0 client credentials against Microsoft Entra ID. One token is cached and shared by
// every send, refreshed a few minutes before it expires, and fetched by one request at a time
// however many sends are waiting. The client secret never appears in an error or log.
import type { Clock } from '../../deps.js';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The D365 environment URL without trailing slash, plus /.default */
  scope: string;
}

export class TokenError extends Error {}

const REFRESH_MARGIN_MS = 5 * 60_000;

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
    try {
      res = await this.fetchFn(this.creds.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new TokenError(`could not reach the token endpoint: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    let json: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* reported below */
    }
    if (!res.ok || typeof json.access_token !== 'string') {
      const why = [json.error, typeof json.error_description === 'string' ? json.error_description.split('\n')[0] : undefined].filter(Boolean).join(': ');
      throw new TokenError(`Entra ID refused the client credentials (HTTP ${res.status}${why ? `, ${why}` : ''})`);
    }
    const seconds = Number(json.expires_in) > 0 ? Number(json.expires_in) : 3600;
    this.cached = { token: json.access_token, expiresAt: this.clock.now() + seconds * 1000 };
    return json.access_token;
  }
}
