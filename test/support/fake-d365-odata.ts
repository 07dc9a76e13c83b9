// A fake D365 OData service (`/data/`) for the three production-order entities, read-only:
//   GET /data/ProductionOrderHeaders?$filter=ProductionOrderNumber eq 'P000123' and dataAreaId eq 'usmf'
//   GET /data/ProductionOrderHeaders(dataAreaId='usmf',ProductionOrderNumber='P000123')
//   GET /data/ProductionOrderBillOfMaterialLines?$filter=...   GET /data/ProductionOrderRouteOperations?$filter=...
// with $filter (odata-filter.ts), $select, $top, $skip, $orderby and cross-company=true. As in
// D365, without cross-company=true only the rows of the caller's company (option `company`,
// default usmf) are seen. Answers `{"@odata.context", "value": [...]}` (one entity: the row and
// its `$entity` context); a missing entity is 404, a bad query 400 (also a violation: the
// bridge should never send one), anything but GET 405 (a violation), a token that is not live 401.
//
// Published (test/fixtures/SOURCES.md, "OData responses"): the collection names, entity keys,
// every property name and the value formats, ProdStatus symbols. Standard OData v4: the query
// options, the collection `@odata.context`. ASSUMED: the error bodies' wording; the optional
// `modifiedField` (see fake-d365-orders.ts) — the published entity has no modified date-time.
// Not modelled: $expand, $count, server paging (@odata.nextLink; D365 pages at 10,000 rows).
//
// Mount: `attachOData(d365)` makes FakeD365 route /data/ here and check tokens with the ones
// its token endpoint issued (d365.revokeTokens() expires them), so serveFakeD365() (Node) and
// d365.fetch (workerd) serve it unchanged. Standalone, `new FakeD365OData()` issues its own
// tokens (issueToken(), revokeTokens()).
import type { FakeD365 } from './fake-d365.js';
import { D365OrderBook, entitySets, type EntitySet, type OrderBookOptions } from './fake-d365-orders.js';
import { FakeSystem, json, type Recorded } from './fake-system.js';
import { ODataQueryError, parseFilter, type Row } from './odata-filter.js';

export interface FakeD365ODataOptions extends OrderBookOptions {
  /** Whether an Authorization header carries a live token (default: one this fake issued). */
  acceptsToken?: (authorization: string | null) => boolean;
  /** The company a query without cross-company=true sees (D365: the caller's default company). */
  company?: string;
}

const QUERY_OPTIONS = new Set(['$filter', '$select', '$top', '$skip', '$orderby', 'cross-company']);

export class FakeD365OData extends FakeSystem {
  readonly orders: D365OrderBook;
  private readonly company: string;
  private readonly acceptsToken: (authorization: string | null) => boolean;
  private readonly ownTokens = new Set<string>();
  private readonly modifiedField?: string;

  constructor(options: FakeD365ODataOptions = {}, url = 'https://contoso.operations.fake') {
    super(url, 'D365 OData');
    this.orders = new D365OrderBook(options);
    this.company = options.company ?? 'usmf';
    this.modifiedField = options.modifiedField;
    this.acceptsToken = options.acceptsToken ?? ((h) => !!h && this.ownTokens.has(h.replace(/^Bearer /, '')));
  }

  /** Standalone: a token this fake accepts (send it as `Authorization: Bearer <it>`). */
  issueToken(): string {
    const token = `odata-tok-${this.ownTokens.size + 1}-${crypto.randomUUID()}`;
    this.ownTokens.add(token);
    return token;
  }

  /** Standalone: tokens issued so far stop working (expired). Attached: use d365.revokeTokens(). */
  revokeTokens() {
    this.ownTokens.clear();
  }

  /** Requests to one entity set. */
  requestsFor(set: EntitySet): Recorded[] {
    return this.requests.filter((r) => r.path.startsWith(`/data/${set}`));
  }

  protected failureBody(status: number) {
    return JSON.stringify({ error: { code: '', message: `fake failure ${status}` } });
  }

  protected async route(req: Request, rec: Recorded): Promise<Response> {
    const m = /^\/data\/(\w+)(?:\((.*)\))?$/.exec(rec.path);
    const set = m?.[1] as EntitySet | undefined;
    if (!m || !set || !(set in entitySets)) return this.refuse(404, `No HTTP resource was found that matches the request URI '${req.url}'.`, `unexpected ${rec.method} ${rec.path}`);
    if (rec.method !== 'GET') return this.refuse(405, `The requested resource does not support http method '${rec.method}'.`, `${rec.method} ${rec.path}: the bridge only reads`);
    if (!this.acceptsToken(req.headers.get('authorization'))) return json(401, { Message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
    const context = `${new URL(req.url).origin}/data/$metadata#${set}`;
    try {
      for (const name of Object.keys(rec.query)) if (!QUERY_OPTIONS.has(name)) throw new ODataQueryError(`The query parameter '${name}' is not supported (by this fake).`);
      let rows = this.visible(set, rec.query['cross-company'] === 'true');
      const sample = this.sampleOf(set);
      if (m[2] !== undefined) {
        const match = parseFilter(keyFilter(m[2], entitySets[set].keys), sample, entitySets[set].type);
        const row = rows.find(match);
        if (!row) return json(404, { error: { code: '', message: `Resource not found for the segment '${set}'.` } });
        return json(200, { '@odata.context': `${context}/$entity`, ...select(row, rec.query.$select, sample) }, ODATA_HEADERS);
      }
      if (rec.query.$filter !== undefined) rows = rows.filter(parseFilter(rec.query.$filter, sample, entitySets[set].type));
      if (rec.query.$orderby) rows = orderBy(rows, rec.query.$orderby, sample);
      rows = rows.slice(count(rec.query.$skip, 0), count(rec.query.$skip, 0) + count(rec.query.$top, Infinity));
      const selected = rec.query.$select ? `(${rec.query.$select})` : '';
      return json(200, { '@odata.context': `${context}${selected}`, value: rows.map((r) => select(r, rec.query.$select, sample)) }, ODATA_HEADERS);
    } catch (e) {
      if (e instanceof ODataQueryError) return this.refuse(400, e.message, `${rec.path}?${new URLSearchParams(rec.query)}: ${e.message}`);
      throw e;
    }
  }

  private visible(set: EntitySet, crossCompany: boolean): Row[] {
    const rows = this.orders.rows[set];
    return crossCompany ? [...rows] : rows.filter((r) => String(r.dataAreaId).toLowerCase() === this.company.toLowerCase());
  }

  private sampleOf(set: EntitySet): Row {
    const sample = entitySets[set].sample;
    return set === 'ProductionOrderHeaders' && this.modifiedField ? { ...sample, [this.modifiedField]: '2000-01-01T00:00:00Z' } : sample;
  }

  private refuse(status: number, message: string, violation: string) {
    this.violations.push(violation);
    return json(status, { error: { code: '', message } });
  }
}

/** Makes `d365` serve this OData fake under /data/, checking the tokens its token endpoint issues. */
export function attachOData(d365: FakeD365, options: Omit<FakeD365ODataOptions, 'acceptsToken'> = {}): FakeD365OData {
  const odata = new FakeD365OData({ ...options, acceptsToken: (h) => d365.acceptsToken(h) }, d365.url);
  d365.odata = odata;
  return odata;
}

const ODATA_HEADERS = { 'odata-version': '4.0', 'content-type': 'application/json; odata.metadata=minimal' };

function keyFilter(predicate: string, keys: readonly string[]): string {
  const parts = [...predicate.matchAll(/\s*(\w+)\s*=\s*('(?:[^']|'')*'|[\w.]+'(?:[^']|'')*'|[^,]+)\s*(?:,|$)/g)];
  const names = parts.map((p) => p[1]);
  if (names.length !== keys.length || !keys.every((k) => names.includes(k))) throw new ODataQueryError(`The key '(${predicate})' must name exactly ${keys.join(', ')}.`);
  return parts.map((p) => `${p[1]} eq ${p[2]!.trim()}`).join(' and ');
}

function select(row: Row, $select: string | undefined, sample: Row): Row {
  if (!$select) return row;
  const names = $select.split(',').map((s) => s.trim());
  for (const n of names) if (!(n in sample)) throw new ODataQueryError(`Could not find a property named '${n}'.`);
  return Object.fromEntries([['@odata.etag', row['@odata.etag']], ...names.map((n) => [n, row[n]])]);
}

function orderBy(rows: Row[], $orderby: string, sample: Row): Row[] {
  const keys = $orderby.split(',').map((s) => {
    const [name = '', dir = 'asc'] = s.trim().split(/\s+/);
    if (!(name in sample) || !['asc', 'desc'].includes(dir)) throw new ODataQueryError(`Bad $orderby '${$orderby}'.`);
    return { name, sign: dir === 'desc' ? -1 : 1 };
  });
  return [...rows].sort((a, b) => {
    for (const { name, sign } of keys) {
      const [x, y] = [a[name] as string | number, b[name] as string | number];
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  });
}

function count(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new ODataQueryError(`Bad count '${v}'.`);
  return Number(v);
}
