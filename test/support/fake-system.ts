// What the fakes of the order-sync systems (D365 OData, Next Plus REST, the VIF-style MO API)
// share: every request recorded, failing on demand (an outage, a queue of next failures, a
// delay, a dropped connection), a latency, and a `fetch` that answers as the fake (workerd hands
// it to the bridge; Node serves `handle` with test/node/serve-on-localhost.ts). Written against
// web-standard Request/Response, like fake-d365.ts.
import { fetchVia } from './fetch-via.js';

export interface Failure {
  /** Only requests whose `METHOD /path` starts with this (e.g. 'POST /api/Workorders'); all if unset. */
  on?: string;
  /** Answered with this status (default 503); ignored with `drop`. */
  status?: number;
  /** The body (default: the fake's own for that status, e.g. none for VIF). */
  body?: string;
  headers?: Record<string, string>;
  /** Answer (or drop) only after this long. */
  delayMs?: number;
  /**
   * No answer: the handler throws, so the caller's fetch rejects as on a refused or reset
   * connection (served over HTTP, serve-on-localhost destroys the socket).
   */
  drop?: boolean;
}

/** A request as it arrived, and what became of it. */
export interface Recorded {
  method: string;
  /** The path, percent-decoded. */
  path: string;
  /** Query parameters, decoded (the last one wins when repeated). */
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body as received ('' for none). */
  text: string;
  /** The status answered; undefined while pending or when the connection was dropped. */
  status?: number;
}

/** Thrown for a dropped connection: fetch rejects with a TypeError, as on a network failure. */
export class ConnectionDropped extends TypeError {
  constructor(what: string) {
    super(`fetch failed: fake ${what} dropped the connection`);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export abstract class FakeSystem {
  readonly requests: Recorded[] = [];
  /** Anything wrong the fake received that a real system might have let through; tests assert none. */
  readonly violations: string[] = [];
  /** While set, every request (or every one `on` matches) fails this way. */
  outage?: Failure;
  /** Failures for the next matching requests, each used once, in order. */
  readonly nextFailures: Failure[] = [];
  /** How long every answer that is not a failure takes. */
  latencyMs = 0;
  /** A stand-in for fetch that answers as this fake, honouring the caller's abort signal. */
  readonly fetch = fetchVia((request) => this.handle(request));

  /** `url` is where the bridge is told the system is; a Node server replaces it with its own origin. */
  constructor(
    public url: string,
    private readonly what: string,
  ) {}

  /** The requests to one path (method optional), e.g. `requestsTo('POST', '/api/Workorders')`. */
  requestsTo(method: string, pathPrefix: string): Recorded[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const text = req.body ? new TextDecoder().decode(await req.arrayBuffer()) : '';
    const rec: Recorded = {
      method: req.method,
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries([...req.headers].map(([k, v]) => [k.toLowerCase(), v])),
      text,
    };
    this.requests.push(rec);
    const failure = this.failureFor(rec);
    const answer = failure ? await this.fail(failure) : await this.answerAfterLatency(req, rec);
    rec.status = answer.status;
    return answer;
  }

  /** The answer to a request no failure applies to. */
  protected abstract route(req: Request, rec: Recorded): Promise<Response>;

  /** The body the system answers a failure of this status with (null: none). */
  protected abstract failureBody(status: number): string | null;

  /** Throws as a dropped connection. */
  protected drop(): never {
    throw new ConnectionDropped(this.what);
  }

  private async answerAfterLatency(req: Request, rec: Recorded) {
    if (this.latencyMs) await sleep(this.latencyMs);
    return this.route(req, rec);
  }

  private failureFor(rec: Recorded): Failure | undefined {
    const matches = (f: Failure) => !f.on || `${rec.method} ${rec.path}`.startsWith(f.on);
    if (this.outage && matches(this.outage)) return this.outage;
    const i = this.nextFailures.findIndex(matches);
    return i < 0 ? undefined : this.nextFailures.splice(i, 1)[0];
  }

  private async fail(failure: Failure): Promise<Response> {
    if (failure.delayMs) await sleep(failure.delayMs);
    if (failure.drop) this.drop();
    const status = failure.status ?? 503;
    const body = failure.body ?? this.failureBody(status);
    return new Response(body, { status, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...failure.headers } });
  }
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** The body parsed as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
