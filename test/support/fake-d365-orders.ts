// The production orders a fake D365 holds, as rows of its three OData entities, for
// fake-d365-odata.ts to serve and a test to change: add an order (a copy of the fixture order
// P000123 under another number, with changes), change its header, status, BOM lines or route,
// remove it (D365 has no Cancelled status: a released order is reset or deleted).
import headersFixture from '../fixtures/d365/odata-production-order-headers.json';
import bomFixture from '../fixtures/d365/odata-bom-lines.json';
import routeFixture from '../fixtures/d365/odata-route-operations.json';
import type { Row } from './odata-filter.js';

/** The three entity sets (collection names, entity types and keys: test/fixtures/SOURCES.md, published). */
export const entitySets = {
  ProductionOrderHeaders: { type: 'Microsoft.Dynamics.DataEntities.ProductionOrderHeader', keys: ['dataAreaId', 'ProductionOrderNumber'], sample: headersFixture.value[0] as Row },
  ProductionOrderBillOfMaterialLines: { type: 'Microsoft.Dynamics.DataEntities.ProductionOrderBillOfMaterialLine', keys: ['dataAreaId', 'ProductionOrderNumber', 'LineNumber'], sample: bomFixture.value[0] as Row },
  ProductionOrderRouteOperations: { type: 'Microsoft.Dynamics.DataEntities.ProductionOrderRouteOperation', keys: ['dataAreaId', 'ProductionOrderNumber', 'OperationNumber', 'OperationPriority'], sample: routeFixture.value[0] as Row },
} as const;
export type EntitySet = keyof typeof entitySets;

/** The ProdStatus enum's symbols (published; SOURCES.md). */
export const prodStatuses = ['Created', 'CostEstimated', 'Scheduled', 'Released', 'StartedUp', 'ReportedFinished', 'Completed'] as const;
export type ProdStatus = (typeof prodStatuses)[number];

export interface OrderChanges {
  /** Header fields to set (e.g. ScheduledQuantity, ItemNumber, ScheduledStartDate, ProductionOrderStatus). */
  header?: Row;
  /** The BOM lines (each completed from the fixture's first line; keys filled in). Default: the fixture's three. */
  bomLines?: Row[];
  /** The route operations (completed from the fixture's first; keys filled in). Default: the fixture's 10 -> 20 -> 30. */
  routeOperations?: Row[];
}

export interface OrderBookOptions {
  /**
   * ASSUMED: the name of a header field holding when the order last changed, kept up to date by
   * the fake, for a catch-up poll's `$filter=<it> gt <date-time>`. The published entity has no
   * such field (SOURCES.md: the fixture has every property), so by default there is none; a
   * poll on published fields filters on ProductionOrderStatus and ReleasedDate (date only).
   */
  modifiedField?: string;
  /** The fake's clock, for `modifiedField` (ms). */
  now?: () => number;
  /** Start with the fixture order P000123 (default true). */
  seed?: boolean;
}

export class D365OrderBook {
  readonly rows: Record<EntitySet, Row[]> = { ProductionOrderHeaders: [], ProductionOrderBillOfMaterialLines: [], ProductionOrderRouteOperations: [] };
  private readonly now: () => number;

  constructor(private readonly options: OrderBookOptions = {}) {
    this.now = options.now ?? Date.now;
    if (options.seed ?? true) this.addOrder('P000123');
  }

  /** Adds an order: the fixture order under this number, with changes. Returns its header. */
  addOrder(number: string, changes: OrderChanges = {}): Row {
    const company = String(changes.header?.dataAreaId ?? 'usmf');
    if (this.header(number, company)) throw new Error(`fake D365: order ${number} already exists in ${company}`);
    const header = { ...structuredClone(headersFixture.value[0]), ParentProductionOrderNumber: number, ...changes.header, dataAreaId: company, ProductionOrderNumber: number } as Row;
    this.stamp(header);
    this.rows.ProductionOrderHeaders.push(header);
    this.setBomLines(number, changes.bomLines ?? bomFixture.value, company);
    this.setRouteOperations(number, changes.routeOperations ?? routeFixture.value, company);
    return header;
  }

  /** Changes an order's header fields (quantity, dates, item, status...). */
  updateOrder(number: string, changes: Row, company = 'usmf'): Row {
    const header = this.mustHeader(number, company);
    Object.assign(header, changes, { dataAreaId: header.dataAreaId, ProductionOrderNumber: number });
    this.stamp(header);
    return header;
  }

  /** Moves the order to a status (Released, StartedUp, Completed...). */
  setStatus(number: string, status: ProdStatus, company = 'usmf'): Row {
    if (!prodStatuses.includes(status)) throw new Error(`fake D365: ${status} is not a ProdStatus`);
    return this.updateOrder(number, { ProductionOrderStatus: status }, company);
  }

  setBomLines(number: string, lines: readonly Row[], company = 'usmf') {
    this.replace('ProductionOrderBillOfMaterialLines', number, company, lines, (line, i) => ({ LineNumber: i + 1, ...line }), bomFixture.value[0] as Row);
  }

  setRouteOperations(number: string, operations: readonly Row[], company = 'usmf') {
    this.replace('ProductionOrderRouteOperations', number, company, operations, (op) => op, routeFixture.value[0] as Row);
  }

  /** Removes an order and its lines (as a reset or deleted order). */
  removeOrder(number: string, company = 'usmf') {
    for (const set of Object.keys(this.rows) as EntitySet[]) this.rows[set] = this.rows[set].filter((r) => !this.isOf(r, number, company));
  }

  header(number: string, company = 'usmf'): Row | undefined {
    return this.rows.ProductionOrderHeaders.find((r) => this.isOf(r, number, company));
  }

  /** An order as the three entities hold it. */
  order(number: string, company = 'usmf') {
    const of = (set: EntitySet) => this.rows[set].filter((r) => this.isOf(r, number, company));
    return { header: this.header(number, company), bomLines: of('ProductionOrderBillOfMaterialLines'), routeOperations: of('ProductionOrderRouteOperations') };
  }

  private mustHeader(number: string, company: string): Row {
    const header = this.header(number, company);
    if (!header) throw new Error(`fake D365: no order ${number} in ${company}`);
    return header;
  }

  private replace(set: EntitySet, number: string, company: string, lines: readonly Row[], complete: (line: Row, i: number) => Row, template: Row) {
    this.rows[set] = this.rows[set].filter((r) => !this.isOf(r, number, company));
    for (const [i, line] of lines.entries()) this.rows[set].push({ ...structuredClone(template), ...complete(line, i), dataAreaId: company, ProductionOrderNumber: number });
    const header = this.header(number, company);
    if (header) this.stamp(header);
  }

  private stamp(header: Row) {
    if (this.options.modifiedField) header[this.options.modifiedField] = new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  private isOf(row: Row, number: string, company: string) {
    return row.ProductionOrderNumber === number && String(row.dataAreaId).toLowerCase() === company.toLowerCase();
  }
}
