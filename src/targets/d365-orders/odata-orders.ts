// Reads production orders from D365's OData entities (ProductionOrderHeaders, their BOM lines and
// route operations) with the D365 app's token (the same cache as SendMessage). The entity and
// field names are published (test/fixtures/SOURCES.md); only the fields the bridge maps are asked
// for ($select), so an answer stays small.
import type { SendResult } from '../connector.js';
import type { EntraTokenSource } from '../d365/entra-token.js';
import { TokenError } from '../d365/entra-token.js';
import { callJson, type Caller } from '../json-call.js';

type Row = Record<string, unknown>;
export interface OrderRows {
  header: Row;
  bomLines: Row[];
  routeOperations: Row[];
}
type Failure = Exclude<SendResult, { outcome: 'delivered' }>;

const HEADER_FIELDS = ['ProductionOrderNumber', 'ProductionOrderStatus', 'ItemNumber', 'ScheduledQuantity', 'ProductionOrderName', 'ScheduledStartDate', 'ScheduledStartTime', 'ScheduledEndDate', 'ScheduledEndTime', 'ProductionSiteId', 'ProductionWarehouseId', 'ProductionPoolId', 'ReleasedDate'];
const BOM_FIELDS = ['LineNumber', 'ItemNumber', 'BOMLineQuantity', 'EstimatedBOMLineQuantity', 'BOMLineUnitSymbol', 'RouteOperationNumber'];
const ROUTE_FIELDS = ['OperationNumber', 'OperationPriority', 'OperationId', 'CostingOperationResourceId', 'RouteOperationSequence', 'ScheduledFromDate', 'ScheduledFromTime', 'ScheduledEndDate', 'ScheduledEndTime'];

/**
 * A refused read in words: the cause and the fix. The HTTP status itself is not repeated: the
 * posting's error already starts with it.
 */
function refusal(set: string, status: number | undefined): string | undefined {
  if (status === 403) {
    return `D365 would not let the Entra ID app read ${set}: the app's D365 user may not read the production order entities. Grant that user a role that can (System administration > Users), then retry`;
  }
  if (status === 401) {
    return `D365 did not accept the Entra ID app's token when reading ${set}, also a fresh one: check that the app (D365_CLIENT_ID) is registered in D365 with a user (System administration > Setup > Microsoft Entra ID applications), then retry`;
  }
  return undefined;
}

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

export class ODataOrders {
  private readonly base: string;
  constructor(
    url: string,
    private readonly company: string,
    private readonly tokens: EntraTokenSource,
    private readonly caller: Caller,
  ) {
    this.base = `${url.replace(/\/+$/, '')}/data`;
  }

  /** The order's three entities; undefined when D365 has no such order (reset or deleted). */
  async readOrder(number: string): Promise<{ ok: true; order?: OrderRows } | { ok: false; failure: Failure }> {
    const of = `ProductionOrderNumber eq ${quote(number)} and dataAreaId eq ${quote(this.company)}`;
    const headers = await this.rows('ProductionOrderHeaders', of, HEADER_FIELDS);
    if (!headers.ok) return headers;
    const [header] = headers.rows;
    if (!header) return { ok: true };
    const bom = await this.rows('ProductionOrderBillOfMaterialLines', of, BOM_FIELDS, 'LineNumber');
    if (!bom.ok) return bom;
    const route = await this.rows('ProductionOrderRouteOperations', `${of} and OperationPriority eq 'Primary'`, ROUTE_FIELDS, 'OperationNumber');
    if (!route.ok) return route;
    return { ok: true, order: { header, bomLines: bom.rows, routeOperations: route.rows } };
  }

  /**
   * Numbers of orders Released and changed since `since` (ms): by `modifiedField` when the entity
   * has one (an assumed name), else released on or after that day (ReleasedDate is a date).
   */
  async releasedSince(since: number, modifiedField?: string): Promise<{ ok: true; numbers: string[] } | { ok: false; failure: Failure }> {
    const iso = new Date(since).toISOString().replace(/\.\d+Z$/, 'Z');
    const changed = modifiedField ? `${modifiedField} gt ${iso}` : `ReleasedDate ge ${iso.slice(0, 10)}T00:00:00Z`;
    const filter = `dataAreaId eq ${quote(this.company)} and ProductionOrderStatus eq 'Released' and ${changed}`;
    const found = await this.rows('ProductionOrderHeaders', filter, ['ProductionOrderNumber'], 'ProductionOrderNumber');
    return found.ok ? { ok: true, numbers: found.rows.map((r) => String(r.ProductionOrderNumber)) } : found;
  }

  /**
   * The ProdStatus of each of these orders (one request; keep the list short, the filter is in
   * the URL); keyed by the number in lower case (D365 compares numbers so); an order missing from the answer is not in D365 (deleted).
   */
  async statusesOf(numbers: readonly string[]): Promise<{ ok: true; statuses: Map<string, string> } | { ok: false; failure: Failure }> {
    const which = numbers.map((n) => `ProductionOrderNumber eq ${quote(n)}`).join(' or ');
    const found = await this.rows('ProductionOrderHeaders', `dataAreaId eq ${quote(this.company)} and (${which})`, ['ProductionOrderNumber', 'ProductionOrderStatus']);
    if (!found.ok) return found;
    return { ok: true, statuses: new Map(found.rows.map((r) => [String(r.ProductionOrderNumber).toLowerCase(), String(r.ProductionOrderStatus)])) };
  }

  private async rows(set: string, filter: string, select: string[], orderBy?: string): Promise<{ ok: true; rows: Row[] } | { ok: false; failure: Failure }> {
    const query = new URLSearchParams({ 'cross-company': 'true', $filter: filter, $select: select.join(',') });
    if (orderBy) query.set('$orderby', orderBy);
    const url = `${this.base}/${set}?${query}`;
    for (let attempt = 1; ; attempt++) {
      let token: string;
      try {
        token = await this.tokens.token();
      } catch (err) {
        if (err instanceof TokenError) return { ok: false, failure: { outcome: err.permanent ? 'permanent' : 'transient', error: err.message } };
        throw err;
      }
      const answer = await callJson(this.caller, url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      if (!answer.ok && answer.status === 401 && attempt === 1) {
        this.tokens.invalidate(); // expired or revoked: one fresh token, then it counts as a failure
        continue;
      }
      if (!answer.ok) return { ok: false, failure: { ...answer.failure, error: refusal(set, answer.status) ?? `reading ${set}${answer.failure.error ? `: ${answer.failure.error}` : ''}` } };
      const value = (answer.body as { value?: unknown })?.value;
      if (!Array.isArray(value)) return { ok: false, failure: { outcome: 'permanent', status: answer.status, error: `D365's ${set} answer has no "value" list` } };
      return { ok: true, rows: value as Row[] };
    }
  }
}
