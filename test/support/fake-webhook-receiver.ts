// A fake ERP webhook receiver, as a customer's would be: it verifies EVERY request with the
// standardwebhooks library (signature over webhook-id, webhook-timestamp and the exact body;
// the timestamp within the library's 5-minute tolerance), checks the Content-Type and the body
// against the webhook body schema, and records what it accepted with its webhook-id. Anything
// wrong is a violation, which the tests assert never happens. It can fail on demand (an outage,
// a queue of next answers, per production order, a delay) and counts requests.
//
// Written against web-standard Request/Response, like fake-d365.ts: Node serves it over HTTP
// (test/node/fake-webhook-server.ts), workerd hands its `fetch` to the bridge.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describeIssues } from '../../src/core/describe-zod-issues.js';
import { webhookBodySchema, type WebhookBody } from '../../src/targets/webhook/webhook-body.js';
import type { DeliveryRow } from '../../src/store/ledger-rows.js';
import type { FakeD365 } from './fake-d365.js';
import { fetchVia } from './fetch-via.js';
import { hugeBody, type StreamedBody } from './huge-body.js';
import { MOVED, type FakeAnswer } from './fake-answer.js';

/** A request as it arrived, whatever became of it. */
export interface WebhookRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body exactly as received. */
  body: string;
  /** The receiver's time when it arrived (ms). */
  at: number;
  /** What the receiver answered. */
  status: number;
}

/** A verified delivery the receiver accepted (answered 2xx). */
export interface ReceivedWebhook {
  webhookId: string;
  /** webhook-timestamp, seconds. */
  timestamp: number;
  body: WebhookBody;
  raw: string;
}

export type Answer = FakeAnswer;

const JSON_TYPE = /^application\/json(\s*;\s*charset=utf-8)?$/i;

/** whsec_ and 32 random bytes in base64, as `openssl rand -base64 32` makes them. */
export function randomWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Runs `fn` with Date.now() reading `now`: the library checks the timestamp against Date.now(),
 * and the bridge signs with its test clock, so the receiver verifies at the bridge's "now".
 */
export function atTime<T>(now: number, fn: () => T): T {
  const real = Date.now;
  Date.now = () => now;
  try {
    return fn();
  } finally {
    Date.now = real;
  }
}

export class FakeWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The items of the events received for one production order, in the order they arrived. */
  itemsOf(order: string): (string | undefined)[] {
    return this.received.filter((r) => r.body.data.event.productionOrder === order).map((r) => (r.body.data.event as { item?: string }).item);
  }
  readonly requests: WebhookRequest[] = [];
  readonly violations: string[] = [];
  /** While set, every verified request is answered with this. */
  outage?: Answer;
  /** Answers for the next verified requests, in order. */
  readonly nextAnswers: Answer[] = [];
  /** Production orders (data.event.productionOrder) whose bodies are answered with this. */
  readonly failingOrders = new Map<string, Answer>();
  /** How long each accepted request takes to answer. */
  latencyMs = 0;
  /** Requests that followed a redirect to movedUrl: a bridge that never follows one sends none. */
  readonly redirected: { method: string; path: string }[] = [];
  /** While set, an accepted request is answered 200 with a body this long, made as it is read. */
  answerBytes?: number;
  /** How much of that body was read, and whether the reader cancelled it. */
  readonly streamed: StreamedBody = { pulled: 0, cancelled: false };
  /** The receiver's clock; the tests give it the bridge's test clock. */
  clock: { now(): number } = { now: () => Date.now() };
  private readonly verifier: Webhook;

  /** `url` is where the bridge is told to post; the Node server replaces its origin with its own. */
  constructor(
    public url = 'https://erp-webhooks.fake/mes-events',
    readonly secret = randomWebhookSecret(),
  ) {
    this.verifier = new Webhook(secret);
  }

  get requestCount(): number {
    return this.requests.length;
  }

  /** A stand-in for fetch that answers as this receiver, honouring the caller's abort signal. */
  readonly fetch = fetchVia((request) => this.handle(request));

  /** Where redirects point: another place, which answers 200 to anything (as a wrong host might). */
  get movedUrl(): string {
    return `${new URL(this.url).origin}${MOVED}here`;
  }

  /** The environment the bridge is configured with. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { ERP_TARGETS: 'webhook', WEBHOOK_URL: this.url, WEBHOOK_SECRET: this.secret, WEBHOOK_TIMEOUT_MS: '2000', ...extra };
  }

  /** What is wrong with a request, as the receiver sees it (empty: it verifies). */
  problemsOf(r: Pick<WebhookRequest, 'method' | 'path' | 'headers' | 'body'>, now = this.clock.now()): string[] {
    const problems: string[] = [];
    const where = new URL(this.url).pathname;
    if (r.method !== 'POST' || r.path !== where) problems.push(`unexpected ${r.method} ${r.path}`);
    const type = r.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(type)) problems.push(`content-type ${type || 'missing'}`);
    try {
      atTime(now, () => this.verifier.verify(r.body, r.headers, { jsonParse: false }));
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      problems.push(`signature: ${err.message} (webhook-id ${r.headers['webhook-id'] ?? 'missing'})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(r.body);
    } catch {
      return [...problems, 'body is not JSON'];
    }
    const parsed = webhookBodySchema.safeParse(json);
    if (!parsed.success) problems.push(`body: ${describeIssues(parsed.error.issues, json)}`);
    return problems;
  }

  async handle(req: Request): Promise<Response> {
    const body = new TextDecoder().decode(await req.arrayBuffer());
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    const path = new URL(req.url).pathname;
    if (path.startsWith(MOVED)) {
      this.redirected.push({ method: req.method, path });
      return new Response('{"ok":true}', { status: 200 });
    }
    const record: WebhookRequest = { method: req.method, path, headers, body, at: this.clock.now(), status: 0 };
    this.requests.push(record);
    const answer = await this.answer(record);
    record.status = answer.status;
    const answerHeaders: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.retryAfter) answerHeaders['retry-after'] = answer.retryAfter;
    if (answer.location) answerHeaders.location = answer.location;
    return new Response(answer.body ?? '{}', { status: answer.status, headers: answerHeaders });
  }

  private async answer(r: WebhookRequest): Promise<Omit<Answer, 'body'> & { body?: string | ReadableStream<Uint8Array> }> {
    const problems = this.problemsOf(r, r.at);
    if (problems.length) {
      this.violations.push(...problems);
      const signature = problems.some((p) => p.startsWith('signature'));
      return { status: signature ? 401 : problems.some((p) => p.startsWith('content-type')) ? 415 : 400, body: JSON.stringify({ problems }) };
    }
    const body = JSON.parse(r.body) as WebhookBody;
    const failure = this.outage ?? this.nextAnswers.shift() ?? this.failingOrders.get(body.data.event.productionOrder);
    if (failure) {
      if (failure.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      return { ...failure, body: failure.body ?? `{"message":"fake failure ${failure.status}"}` };
    }
    if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    this.received.push({ webhookId: r.headers['webhook-id']!, timestamp: Number(r.headers['webhook-timestamp']), body, raw: r.body });
    return { status: 200, body: this.answerBytes ? hugeBody(this.answerBytes, this.streamed) : '{"ok":true}' };
  }
}

/** A receiver a suite has started, and the fetch the bridge must use to reach it (none: real fetch). */
export interface ServedWebhook {
  fake: FakeWebhookReceiver;
  fetch?: typeof fetch;
  stop(): Promise<void>;
}

/** Both fake ERPs, for a bridge posting to d365 and webhook at once. */
export interface ServedErps {
  d365: FakeD365;
  webhook: FakeWebhookReceiver;
  /** One fetch for every target (the bridge has one), or none: real fetch. */
  fetch?: typeof fetch;
  stop(): Promise<void>;
}

/** One fetch that hands each request to the fake whose URL has its host. */
export function routeByHost(routes: Record<string, typeof fetch>): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const route = routes[url.host];
    if (!route) return Promise.reject(new TypeError(`no fake ERP at ${url.host}`));
    return route(input, init);
  }) as typeof fetch;
}

/** data.origin of a webhook body, as the ledger recorded its event. */
export const originOf = (d: DeliveryRow) => ({
  source: d.source,
  integration: d.integration,
  ...(d.eventType ? { eventType: d.eventType } : {}),
  deliveryId: d.id,
  externalId: d.externalId,
  receivedAt: new Date(d.receivedAt).toISOString(),
});
