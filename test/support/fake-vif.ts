// A fake VIF-style manufacturing-order API (seed 004, "Manufacturing order (Version 1)"):
//   POST   /mes/companies/{company}/establishments/{establishment}/mos        -> 201 the MO
//   GET    /mes/companies/{company}/establishments/{establishment}/mos/{code} -> 200 the MO | 404
//   DELETE /mes/companies/{company}/establishments/{establishment}/mos/{code} -> 204 (disables it)
// POST creates, or updates the MO whose moNb is the body's (R1: upsert on moNb; without moNb a
// new MO that no later call can reach). Every rule broken (vif-rules.ts; R1 started/split and
// R18 here) is answered **400 with no body**, as documented; the fake records which rule in
// `refusals`, and a refusal for a rule the bridge is expected to check before sending (schema,
// R1 format, R6, R8, R13, R15) is also a violation. The test moves an MO along: start(),
// produce(), finish(), suspend(), split().
//
// Published (seed 004): the paths, the MO fields, states AWAITING/IN_PROGRESS/FINISHED/SUSPENDED,
// quantityDone, the rules, 201/200/204, bodiless 400/404/500. ASSUMED: authentication (the seed
// has none; issue 16: the API key as `Authorization: Bearer <key>`, or raw in the header
// VIF_AUTH_HEADER names; a wrong key is a bodiless 401); that an update also answers 201 (the only
// 2xx documented); that {code} for GET and DELETE is the moNb (GET: R14; DELETE says "public uuid
// code", but an MO shows no uuid); that a wrong company or establishment (path, or body vs path)
// is a 400; that a disabled MO is 404 to GET and a later POST with its moNb creates a new MO; that
// a DELETE of an unknown code is 400 (no 404 is documented for DELETE).
import { FakeSystem, isObject, parseJson, type Recorded } from './fake-system.js';
import { brokenRule, defaultCatalog, type Broken, type MoState, type VifCatalog } from './vif-rules.js';

export interface Mo {
  companyCode: string;
  establishmentCode: string;
  moNb?: string;
  lineCode: string;
  itemCode: string;
  quantity: number;
  unitCode: string;
  plannedBeginDateTime?: string;
  plannedEndDateTime?: string;
  state: MoState;
  quantityDone: number;
  realBeginDate?: string;
  realEndDate?: string;
  quantityFinal?: number;
  childMos?: number[];
  [field: string]: unknown;
}

export interface FakeVifOptions extends Partial<VifCatalog> {
  company?: string;
  establishment?: string;
  apiKey?: string;
  /** The header carrying the key, lower case (default authorization, as `Bearer <key>`; any other: the key as is). */
  authHeader?: string;
  /** The fake's clock (ms), for realBeginDate / realEndDate. */
  now?: () => number;
}

const CHECKABLE = new Set(['schema', 'R1', 'R6', 'R8', 'R13', 'R15']);
const empty = (status: number) => new Response(null, { status });

export class FakeVif extends FakeSystem {
  static readonly apiKey = 'vif-test-key';
  readonly catalog: VifCatalog;
  readonly company: string;
  readonly establishment: string;
  /** Every MO, disabled ones included, in creation order. */
  readonly mos: (Mo & { disabled?: boolean })[] = [];
  /** Each 400 answered, with the rule it stood for. */
  readonly refusals: (Broken & { method: string; path: string })[] = [];
  /** Batches created on the way (R5). */
  readonly batches = new Set<string>();
  creates = 0;
  updates = 0;
  deletes = 0;
  private readonly now: () => number;

  constructor(
    private readonly options: FakeVifOptions = {},
    url = 'https://vif.mes.fake',
  ) {
    super(url, 'VIF');
    const { lines, items, units, conversions, criteria } = { ...defaultCatalog(), ...options };
    this.catalog = { lines, items, units, conversions, criteria };
    this.company = options.company ?? 'C01';
    this.establishment = options.establishment ?? 'E01';
    this.now = options.now ?? Date.now;
  }

  /** The environment the bridge is configured with to reach this fake. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const header = this.options.authHeader;
    return { VIF_URL: this.url, VIF_COMPANY: this.company, VIF_ESTABLISHMENT: this.establishment, VIF_API_KEY: this.options.apiKey ?? FakeVif.apiKey, VIF_LINE_CODE: Object.keys(this.catalog.lines)[0] ?? 'LINE1', ...(header && header !== 'authorization' ? { VIF_AUTH_HEADER: header } : {}), ...extra };
  }

  /** The live (not disabled) MO with this moNb. */
  mo(moNb: string): Mo | undefined {
    return this.mos.find((m) => m.moNb === moNb && !m.disabled);
  }

  /** An MO that already exists in the MES. */
  addMo(fields: Partial<Mo> & Pick<Mo, 'lineCode' | 'itemCode' | 'quantity' | 'unitCode'>): Mo {
    const mo: Mo = { companyCode: this.company, establishmentCode: this.establishment, state: 'AWAITING', quantityDone: 0, ...fields };
    this.mos.push(mo);
    return mo;
  }

  /** The shop floor starts the MO: AWAITING -> IN_PROGRESS. */
  start(moNb: string): Mo {
    return this.move(moNb, ['AWAITING'], (mo) => Object.assign(mo, { state: 'IN_PROGRESS', realBeginDate: this.stamp() }));
  }

  /** Good quantity produced on a started MO: quantityDone grows. */
  produce(moNb: string, quantity: number): Mo {
    return this.move(moNb, ['IN_PROGRESS'], (mo) => Object.assign(mo, { quantityDone: mo.quantityDone + quantity }));
  }

  finish(moNb: string, quantityFinal?: number): Mo {
    return this.move(moNb, ['IN_PROGRESS', 'SUSPENDED'], (mo) => Object.assign(mo, { state: 'FINISHED', realEndDate: this.stamp(), quantityFinal: quantityFinal ?? mo.quantityDone }));
  }

  suspend(moNb: string): Mo {
    return this.move(moNb, ['IN_PROGRESS'], (mo) => Object.assign(mo, { state: 'SUSPENDED' }));
  }

  /** The MES's scheduling split the MO (R1: it can't be updated any more; R16). */
  split(moNb: string, childMos: number[]): Mo {
    return this.move(moNb, ['AWAITING'], (mo) => Object.assign(mo, { childMos }));
  }

  protected failureBody() {
    return null;
  }

  protected async route(req: Request, rec: Recorded): Promise<Response> {
    const m = /^\/mes\/companies\/([^/]+)\/establishments\/([^/]+)\/mos(?:\/([^/]+))?\/?$/.exec(rec.path);
    if (!m) {
      this.violations.push(`unexpected ${rec.method} ${rec.path}`);
      return empty(404);
    }
    const header = this.options.authHeader ?? 'authorization';
    const key = this.options.apiKey ?? FakeVif.apiKey;
    if (rec.headers[header] !== (header === 'authorization' ? `Bearer ${key}` : key)) return empty(401);
    if (m[1] !== this.company || m[2] !== this.establishment) return this.refuse(rec, { rule: 'context', detail: `no company ${m[1]} / establishment ${m[2]}` });
    const code = m[3];
    if (req.method === 'POST' && code === undefined) return this.upsert(rec);
    if (req.method === 'GET' && code !== undefined) {
      const mo = this.mo(code);
      return mo ? moAnswer(200, mo) : empty(404);
    }
    if (req.method === 'DELETE' && code !== undefined) return this.disable(rec, code);
    this.violations.push(`unexpected ${rec.method} ${rec.path}`);
    return empty(405);
  }

  private upsert(rec: Recorded): Response {
    const body = parseJson(rec.text);
    if (!isObject(body)) return this.refuse(rec, { rule: 'schema', detail: 'the body is not a JSON object' });
    const broken = brokenRule(body, this.catalog);
    if (broken) return this.refuse(rec, broken);
    if (body.companyCode !== this.company || body.establishmentCode !== this.establishment) return this.refuse(rec, { rule: 'context', detail: 'companyCode / establishmentCode differ from the path' });
    if (typeof body.batchCode === 'string') this.batches.add(body.batchCode);
    const existing = typeof body.moNb === 'string' ? this.mo(body.moNb) : undefined;
    if (existing) {
      if (existing.state !== 'AWAITING') return this.refuse(rec, { rule: 'R1:started', detail: `MO ${existing.moNb} is ${existing.state}` });
      if (existing.childMos?.length) return this.refuse(rec, { rule: 'R1:split', detail: `MO ${existing.moNb} has been split` });
      Object.assign(existing, body);
      this.updates++;
      return moAnswer(201, existing);
    }
    const mo = { state: 'AWAITING', quantityDone: 0, ...body } as Mo;
    this.mos.push(mo);
    this.creates++;
    return moAnswer(201, mo);
  }

  private disable(rec: Recorded, code: string): Response {
    const mo = this.mo(code);
    if (!mo) return this.refuse(rec, { rule: 'unknown', detail: `no MO ${code}` });
    if (mo.state !== 'AWAITING') return this.refuse(rec, { rule: 'R18', detail: `MO ${code} is ${mo.state}` });
    (mo as Mo & { disabled?: boolean }).disabled = true;
    this.deletes++;
    return empty(204);
  }

  private refuse(rec: Recorded, broken: Broken): Response {
    this.refusals.push({ ...broken, method: rec.method, path: rec.path });
    if (CHECKABLE.has(broken.rule)) this.violations.push(`${broken.rule}: ${broken.detail} (the bridge should have refused it before sending)`);
    return empty(400);
  }

  private move(moNb: string, from: MoState[], change: (mo: Mo) => void): Mo {
    const mo = this.mo(moNb);
    if (!mo) throw new Error(`fake VIF: no MO ${moNb}`);
    if (!from.includes(mo.state)) throw new Error(`fake VIF: MO ${moNb} is ${mo.state}, not ${from.join(' or ')}`);
    change(mo);
    return mo;
  }

  private stamp(): string {
    return new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  }
}

function moAnswer(status: number, mo: Mo & { disabled?: boolean }): Response {
  const { disabled: _, ...shown } = mo;
  return new Response(JSON.stringify(shown), { status, headers: { 'content-type': 'application/json' } });
}
