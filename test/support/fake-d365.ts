// A fake Dynamics 365 + Entra ID: issues tokens for the right client credentials, accepts
// SendMessage only with a live token, and checks every message against the shared D365 spec.
// Anything wrong it receives is a violation, which the tests assert never happens. It is
// written against web-standard Request/Response so both suites use it: Node serves it over
// HTTP (fake-d365-server.ts), workerd hands its `fetch` to the bridge in place of the real one.
import { checkMessage } from '../../src/targets/d365/message-spec.js';
import { specsFor, type MessageVersion } from '../../src/targets/d365/message-versions.js';
import { fetchVia } from './fetch-via.js';
import { hugeBody, type StreamedBody } from './huge-body.js';
import { MOVED, type FakeAnswer } from './fake-answer.js';

export interface Received {
  company: string;
  type: string;
  content: Record<string, unknown>;
  order: string;
}

/** A fake a suite has started, and the fetch the bridge must use to reach it (none: real fetch). */
export interface ServedFake {
  fake: FakeD365;
  fetch?: typeof fetch;
  stop(): Promise<void>;
}

/** The component a PickingList message consumed (undefined for other messages). */
export function itemOf(r: Received): string | undefined {
  const lines = r.content.PickingListLines as { ItemNumber?: string }[] | undefined;
  return lines?.[0]?.ItemNumber;
}

type Failure = FakeAnswer;

export class FakeD365 {
  readonly received: Received[] = [];
  /** The components consumed for one production order, in the order they arrived. */
  itemsOf(order: string): (string | undefined)[] {
    return this.received.filter((r) => r.order === order).map(itemOf);
  }
  readonly violations: string[] = [];
  /** Whose field tables this D365 checks messages against (a bridge set to D365_MESSAGE_VERSION). */
  messageVersion: MessageVersion = '2024';
  tokenRequests = 0;
  sendRequests = 0;
  /** While set, every SendMessage answers this. */
  outage?: Failure;
  /** Answers for the next SendMessage calls, in order. */
  readonly nextFailures: Failure[] = [];
  /** Notices posted to `${url}/alerts` (the bridge's ALERT_WEBHOOK_URL in tests). */
  readonly alerts: Record<string, unknown>[] = [];
  /** How long each accepted SendMessage takes to answer. */
  latencyMs = 0;
  /** Production orders whose messages are refused with this. */
  readonly failingOrders = new Map<string, Failure>();
  /** While set, SendMessage is accepted and not answered until releaseHung() (a hung ERP). */
  hang = false;
  /** SendMessage requests being held by `hang` now. */
  hung = 0;
  private endHang = () => {};
  private hangOver = new Promise<void>((r) => (this.endHang = r));
  /** While set, notices to /alerts are answered this (and not kept). */
  alertFailure?: Failure;
  /** While set, the token endpoint answers this. */
  tokenAnswer?: Failure;
  /** Requests that followed a redirect to movedUrl: a bridge that never follows one sends none. */
  readonly redirected: { method: string; path: string }[] = [];
  /** While set, an accepted SendMessage is answered 200 with a body this long, made as it is read. */
  answerBytes?: number;
  /** How much of that body was read, and whether the reader cancelled it. */
  readonly streamed: StreamedBody = { pulled: 0, cancelled: false };
  private readonly liveTokens = new Set<string>();
  /**
   * While set, a journal (picking list, route card, report as finished) for an order no Start
   * reached first is a violation: D365 posts journals only on a started order.
   */
  journalsNeedStart = false;
  /** The orders a ProdProductionOrderStart was accepted for. */
  readonly started = new Set<string>();
  /** Serves /data/ (OData) when set: attachOData() in fake-d365-odata.ts sets it. */
  odata?: { handle(request: Request): Promise<Response> };

  /** Whether an Authorization header carries a token the token endpoint issued and is still live. */
  acceptsToken(authorization: string | null | undefined): boolean {
    const token = authorization?.replace(/^Bearer /, '');
    return !!token && this.liveTokens.has(token);
  }

  /** `url` is where the bridge is told D365 is; the Node server replaces it with its own. */
  constructor(public url = 'https://contoso.operations.fake') {
    this.alertsUrl = `${url}/alerts`;
  }

  static readonly tenant = 'contoso-tenant';
  static readonly clientId = 'bridge-client';
  static readonly clientSecret = 'very-secret-value';

  /** A stand-in for fetch that answers as this fake, honouring the caller's abort signal. */
  readonly fetch = fetchVia((request) => (this.refusing && new URL(request.url).pathname !== '/alerts' ? Promise.reject(refused(request.url)) : this.handle(request)));

  /** While set, D365 and its token endpoint refuse connections (alerts still arrive). */
  refusing = false;
  /** How a served fake stops and starts listening (Node: a real ECONNREFUSED). */
  onRefuse?: (on: boolean) => Promise<void>;
  /** Where alerts reach this fake (Node serves them on a port of their own). */
  alertsUrl = '';

  async refuseConnections(on: boolean) {
    this.refusing = on;
    await this.onRefuse?.(on);
  }

  /** Where redirects point: another place, which answers 200 to anything (as a wrong host might). */
  get movedUrl(): string {
    return `${this.url}${MOVED}here`;
  }

  /** The environment the bridge is configured with. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ERP_TARGETS: 'd365',
      D365_URL: `${this.url}/`,
      D365_TENANT_ID: FakeD365.tenant,
      D365_CLIENT_ID: FakeD365.clientId,
      D365_CLIENT_SECRET: FakeD365.clientSecret,
      D365_COMPANY: 'USMF',
      D365_TOKEN_URL: `${this.url}/${FakeD365.tenant}/oauth2/v2.0/token`,
      D365_TIMEOUT_MS: '2000',
      // Off here, so cases about sending count one message per event; auto-start-cases.ts has it on.
      D365_AUTO_START: 'false',
      ...extra,
    };
  }

  /** The held SendMessage requests answer now (503), so nothing is left open. */
  releaseHung() {
    this.hang = false;
    this.endHang();
    this.hangOver = new Promise<void>((r) => (this.endHang = r));
  }

  /** Tokens issued so far stop working (as when they expire early or are revoked). */
  revokeTokens() {
    this.liveTokens.clear();
  }

  async handle(req: Request): Promise<Response> {
    if (this.odata && new URL(req.url).pathname.startsWith('/data/')) return this.odata.handle(req);
    const { status, body, headers } = await this.answer(req);
    return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
  }

  private async answer(req: Request): Promise<{ status: number; body: string | ReadableStream<Uint8Array>; headers?: Record<string, string> }> {
    // Decoded by hand: workerd warns when .text() meets a form body.
    const text = new TextDecoder().decode(await req.arrayBuffer());
    const path = new URL(req.url).pathname;
    if (path.startsWith(MOVED)) {
      this.redirected.push({ method: req.method, path });
      return { status: 200, body: 'true' };
    }
    if (req.method === 'POST' && path === `/${FakeD365.tenant}/oauth2/v2.0/token`) return this.tokenAnswer ? answerOf(this.tokenAnswer) : this.token(text);
    if (req.method === 'POST' && path === '/api/services/SysMessageServices/SysMessageService/SendMessage') {
      return this.send(req.headers.get('authorization') ?? undefined, text);
    }
    if (req.method === 'POST' && path === '/alerts') {
      if (this.alertFailure) return answerOf(this.alertFailure);
      this.alerts.push(JSON.parse(text));
      return { status: 200, body: 'ok' };
    }
    this.violations.push(`unexpected ${req.method} ${path}`);
    return { status: 404, body: '{}' };
  }

  private token(text: string) {
    this.tokenRequests++;
    const form = new URLSearchParams(text);
    const expected = { grant_type: 'client_credentials', client_id: FakeD365.clientId, client_secret: FakeD365.clientSecret, scope: `${this.url}/.default` };
    for (const [k, v] of Object.entries(expected)) {
      if (form.get(k) !== v) return { status: 401, body: JSON.stringify({ error: 'invalid_client', error_description: `bad ${k}` }) };
    }
    const token = `tok-${this.tokenRequests}`;
    this.liveTokens.add(token);
    return { status: 200, body: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: token }) };
  }

  private async send(authorization: string | undefined, text: string) {
    this.sendRequests++;
    if (!this.acceptsToken(authorization)) return { status: 401, body: '{"Message":"Unauthorized"}' };
    let envelope: Record<string, unknown>;
    let content: Record<string, unknown>;
    try {
      envelope = JSON.parse(text);
      content = JSON.parse(envelope._messageContent as string);
    } catch {
      this.violations.push(`not JSON: ${text.slice(0, 200)}`);
      return { status: 400, body: '{}' };
    }
    const keys = Object.keys(envelope).sort().join(',');
    if (keys !== '_companyId,_messageContent,_messageQueue,_messageType') this.violations.push(`envelope fields ${keys}`);
    if (envelope._messageQueue !== 'JmgMES3P') this.violations.push(`queue ${String(envelope._messageQueue)}`);
    if (typeof envelope._messageContent !== 'string') this.violations.push('_messageContent is not a JSON string');
    const type = String(envelope._messageType);
    for (const p of checkMessage(specsFor(this.messageVersion), type, content)) this.violations.push(`${type}: ${p}`);
    if (this.hang) {
      this.hung++;
      await this.hangOver;
      this.hung--;
      return { status: 503, body: '{"Message":"fake hang released"}' };
    }
    const failure = this.outage ?? this.nextFailures.shift() ?? this.failingOrders.get(String(content.ProductionOrderNumber));
    if (failure) {
      if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
      return answerOf(failure);
    }
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const order = String(content.ProductionOrderNumber);
    if (type === 'ProdProductionOrderStart') this.started.add(order);
    else if (this.journalsNeedStart && journalTypes.includes(type) && !this.started.has(order)) this.violations.push(`${type} for ${order}, which was never started`);
    this.received.push({ company: String(envelope._companyId), type, content, order });
    return { status: 200, body: this.answerBytes ? hugeBody(this.answerBytes, this.streamed) : 'true' };
  }
}

const journalTypes = ['ProdProductionOrderPickingList', 'ProdProductionOrderRouteCard', 'ProdProductionOrderReportFinished'];

/** What undici's fetch throws when nothing listens: "fetch failed", the reason in `cause`. */
function refused(url: string): TypeError {
  const port = Number(new URL(url).port || 443);
  const cause = Object.assign(new Error(`connect ECONNREFUSED 10.1.2.3:${port}`), { code: 'ECONNREFUSED', address: '10.1.2.3', port, syscall: 'connect' });
  return new TypeError('fetch failed', { cause });
}

function answerOf(failure: Failure) {
  const headers: Record<string, string> = {};
  if (failure.retryAfter) headers['retry-after'] = failure.retryAfter;
  if (failure.location) headers.location = failure.location;
  return { status: failure.status, body: failure.body ?? `{"Message":"fake failure ${failure.status}"}`, headers };
}
