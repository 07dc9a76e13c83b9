// A fake Next Plus REST API (the ERP -> MES direction), LoopBack 3 style:
//   POST /api/Users/login {username, password}  -> 200 {id: <access token>, ttl, created, userId}
//   GET  /api/Workorders?filter=<JSON>           -> 200 [work orders] (loopback-filter.ts)
//   GET  /api/Workorders/findOne?filter=<JSON>   -> 200 work order | 404 MODEL_NOT_FOUND
//   GET  /api/Workorders/{id}                    -> 200 work order | 404
//   POST /api/Workorders (or /api/Workorders/)   -> 200 the created work order with its `id`
//   PATCH /api/Workorders/{id} {fields}          -> 200 the work order with the fields set | 404 | 422
// The access token goes in the Authorization header as is, or as `access_token` in the query, or
// in X-Access-Token (LoopBack's token middleware). `Authorization: Bearer <token>` is refused (401,
// and a violation): LoopBack 3 base64-decodes a Bearer token by default, so a raw one never matches.
// A token dies after its ttl (the fake's clock) or when the test calls expireTokens(): 401
// AUTHORIZATION_REQUIRED, after which the client must log in again.
//
// Published: nothing of this API is in the project's sources. Next Plus says only "for the
// reverse direction ... please use our REST API" (seed 002). The login, the token's places, the
// answer and error shapes (statusCode/name/message/code, 422 ValidationError with details) and the
// filter syntax are LoopBack 3's own, documented at loopback.io. ASSUMED (from issue 16): that Next
// Plus is LoopBack 3 with these defaults; the model `Workorders`; its fields workorderNumber, sku,
// quantity, source (required), name, partDesc, kitItems[{sku, quantity}] and custom fields C_*; that
// the model is strict (an unknown field is a 422); that create answers 200 (LoopBack's default);
// that Next Plus allows two work orders with one number (`uniqueNumbers` makes it refuse instead);
// that a PATCH may set name, partDesc, quantity, closed (boolean), status (text) and C_* fields
// (anything else, or the number, is a 422 and a violation: the bridge's setting allows no other).
import { FakeSystem, isObject, json, parseJson, type Recorded } from './fake-system.js';
import { applyFilter, FilterError, filterOf } from './loopback-filter.js';
import { patchProblems, workorderProblems, type Workorder } from './nextplus-workorder.js';

export type { Workorder } from './nextplus-workorder.js';

export interface FakeNextPlusOptions {
  username?: string;
  password?: string;
  /** Seconds a token lives (LoopBack's default: two weeks). */
  ttl?: number;
  /** The fake's clock (ms), for token expiry. */
  now?: () => number;
  /** The Integration Builder's Work Order Source: a work order created with another is a violation. */
  workorderSource?: string;
  /** Refuse a second work order with the same number (422 uniqueness) instead of creating it (a violation). */
  uniqueNumbers?: boolean;
}

const lbError = (statusCode: number, name: string, message: string, extra: Record<string, unknown> = {}) => json(statusCode, { error: { statusCode, name, message, ...extra } });

export class FakeNextPlusApi extends FakeSystem {
  static readonly username = 'bridge';
  static readonly password = 'np-secret';
  /** Every work order, in the order created (the test may add some with addWorkorder). */
  readonly workorders: Workorder[] = [];
  /** Work orders created through the API (not those the test added). */
  creates = 0;
  logins = 0;
  /** Each PATCH applied: the work order's number and the fields set. */
  readonly patches: { workorderNumber: string; fields: Record<string, unknown> }[] = [];
  /** The next this many creates store the work order, then drop the connection without answering. */
  crashAfterCreate = 0;
  private readonly tokens = new Map<string, { created: number; ttl: number }>();
  private readonly now: () => number;
  private nextId = 1;

  constructor(
    private readonly options: FakeNextPlusOptions = {},
    url = 'https://acme.nextplus.fake',
  ) {
    super(url, 'Next Plus');
    this.now = options.now ?? Date.now;
  }

  /** The environment the bridge is configured with to reach this fake. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { NEXTPLUS_URL: this.url, NEXTPLUS_USERNAME: this.options.username ?? FakeNextPlusApi.username, NEXTPLUS_PASSWORD: this.options.password ?? FakeNextPlusApi.password, ...(this.options.workorderSource ? { NEXTPLUS_WORKORDER_SOURCE: this.options.workorderSource } : {}), ...extra };
  }

  /** The work orders with this number (more than one: the client created it twice). */
  workordersNumbered(number: string): Workorder[] {
    return this.workorders.filter((w) => w.workorderNumber === number);
  }

  /** A work order that already exists in Next Plus (made by hand, or by an earlier run). */
  addWorkorder(fields: Omit<Workorder, 'id'>): Workorder {
    const wo = { ...fields, id: this.newId() } as Workorder;
    this.workorders.push(wo);
    return wo;
  }

  /** Every token issued so far stops working now (as when its ttl runs out). */
  expireTokens() {
    this.tokens.clear();
  }

  protected failureBody(status: number) {
    return JSON.stringify({ error: { statusCode: status, name: 'Error', message: `fake failure ${status}` } });
  }

  protected async route(req: Request, rec: Recorded): Promise<Response> {
    const path = rec.path.replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/api/Users/login') return this.login(rec);
    if (!path.startsWith('/api/Workorders')) return this.unexpected(rec);
    if (!this.authorized(rec)) return lbError(401, 'Error', 'Authorization Required', { code: 'AUTHORIZATION_REQUIRED' });
    try {
      if (req.method === 'GET' && path === '/api/Workorders') return json(200, applyFilter(this.workorders, filterOf(rec.query)));
      if (req.method === 'GET' && path === '/api/Workorders/findOne') {
        const [found] = applyFilter(this.workorders, { ...filterOf(rec.query), limit: 1 });
        return found ? json(200, found) : lbError(404, 'Error', 'Unknown "Workorder" id "undefined".', { code: 'MODEL_NOT_FOUND' });
      }
      const byId = /^\/api\/Workorders\/([^/]+)$/.exec(path)?.[1];
      if (req.method === 'GET' && byId) {
        const found = this.workorders.find((w) => w.id === byId);
        return found ? json(200, found) : lbError(404, 'Error', `Unknown "Workorder" id "${byId}".`, { code: 'MODEL_NOT_FOUND' });
      }
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      this.violations.push(`${rec.method} ${rec.path}: ${e.message}`);
      return lbError(400, 'Error', e.message);
    }
    if (req.method === 'POST' && path === '/api/Workorders') return this.create(rec);
    const patchId = /^\/api\/Workorders\/([^/]+)$/.exec(path)?.[1];
    if (req.method === 'PATCH' && patchId) return this.patch(rec, decodeURIComponent(patchId));
    return this.unexpected(rec);
  }

  private patch(rec: Recorded, id: string): Response {
    const wo = this.workorders.find((w) => w.id === id);
    if (!wo) return lbError(404, 'Error', `Unknown "Workorder" id "${id}".`, { code: 'MODEL_NOT_FOUND' });
    const body = parseJson(rec.text);
    const problems = patchProblems(body);
    if (problems.length || !isObject(body)) {
      this.violations.push(`PATCH ${rec.path}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ') || 'the body is not an object'}`);
      return lbError(422, 'ValidationError', `The \`Workorder\` instance is not valid. Details: ${problems.map((p) => `\`${p.field}\` ${p.message}`).join('; ')}.`);
    }
    Object.assign(wo, body);
    this.patches.push({ workorderNumber: wo.workorderNumber, fields: body });
    return json(200, wo);
  }

  private login(rec: Recorded): Response {
    const body = parseJson(rec.text);
    const credentials = isObject(body) ? body : {};
    if (typeof credentials.username !== 'string' && typeof credentials.email !== 'string') return lbError(400, 'Error', 'username or email is required', { code: 'USERNAME_EMAIL_REQUIRED' });
    const ok = credentials.username === (this.options.username ?? FakeNextPlusApi.username) && credentials.password === (this.options.password ?? FakeNextPlusApi.password);
    if (!ok) return lbError(401, 'Error', 'login failed', { code: 'LOGIN_FAILED' });
    this.logins++;
    const id = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
    const ttl = this.options.ttl ?? 1_209_600;
    const created = this.now();
    this.tokens.set(id, { created, ttl });
    return json(200, { id, ttl, created: new Date(created).toISOString(), userId: 1 });
  }

  private authorized(rec: Recorded): boolean {
    const header = rec.headers.authorization ?? rec.headers['x-access-token'];
    if (header?.startsWith('Bearer ')) this.violations.push(`${rec.method} ${rec.path}: Authorization: Bearer <token> (LoopBack takes the token as is)`);
    const token = rec.query.access_token ?? header;
    const live = token === undefined ? undefined : this.tokens.get(token);
    return !!live && this.now() < live.created + live.ttl * 1000;
  }

  private create(rec: Recorded): Response {
    const body = parseJson(rec.text);
    const problems = workorderProblems(body);
    if (problems.length || !isObject(body)) {
      const codes = Object.fromEntries(problems.map((p) => [p.field, [p.code]]));
      const messages = Object.fromEntries(problems.map((p) => [p.field, [p.message]]));
      const details = problems.map((p) => `\`${p.field}\` ${p.message}`).join('; ');
      return lbError(422, 'ValidationError', `The \`Workorder\` instance is not valid. Details: ${details || 'the body is not an object'}.`, { details: { context: 'Workorder', codes, messages } });
    }
    const number = String(body.workorderNumber);
    if (this.workordersNumbered(number).length) {
      if (this.options.uniqueNumbers) {
        return lbError(422, 'ValidationError', 'The `Workorder` instance is not valid. Details: `workorderNumber` is not unique.', { details: { context: 'Workorder', codes: { workorderNumber: ['uniqueness'] }, messages: { workorderNumber: ['is not unique'] } } });
      }
      this.violations.push(`work order ${number} created twice`);
    }
    if (this.options.workorderSource !== undefined && body.source !== this.options.workorderSource) this.violations.push(`work order ${number}: source ${String(body.source)}, not the Work Order Source ${this.options.workorderSource}`);
    const wo = { ...body, id: this.newId() } as Workorder;
    this.workorders.push(wo);
    this.creates++;
    if (this.crashAfterCreate > 0) {
      this.crashAfterCreate--;
      this.drop();
    }
    return json(200, wo);
  }

  private unexpected(rec: Recorded): Response {
    this.violations.push(`unexpected ${rec.method} ${rec.path}`);
    return lbError(404, 'Error', `Shared class "${rec.path.split('/')[2] ?? ''}" has no method handling ${rec.method} ${rec.path}`, { code: 'NOT_FOUND' });
  }

  private newId(): string {
    return `5f${String(this.nextId++).padStart(22, '0')}`;
  }
}
