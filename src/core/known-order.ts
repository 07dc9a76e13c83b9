// What the bridge remembers of an order it synced to an MES, so the MES's reports on it close the
// loop: the route D365 gave it (read once, when the released order was read) and the MES order
// each MES target made for it (when that posting was delivered). The core looks it up before a
// source interprets a delivery, so sources stay pure.

/** One operation of an order's route, in route order. */
export interface RouteStep {
  operationNumber: number;
  operationId?: string;
  resource?: string;
}

/** The MES order a target made for a production order. */
export interface MesOrderLink {
  /** The MES target's name (nextplus, vif). */
  target: string;
  /** The MES's own id, when it answered one. */
  id?: string;
  /** The MES's order number (Next Plus workorderNumber, VIF moNb). */
  number: string;
  /** When the bridge recorded it (ms). */
  createdAt?: number;
}

/** A production order the bridge knows: its route (empty when unread) and the MES orders made for it. */
export interface KnownOrder {
  productionOrder: string;
  route: RouteStep[];
  mesOrders: MesOrderLink[];
  /** When the route was read (ms); undefined when it wasn't. */
  routeReadAt?: number;
}

/** What a delivered send teaches the ledger, written in the same write that finishes the attempt. */
export interface OrderFacts {
  /** Routes of orders read (from the order-issued events the send returned). */
  routes?: { productionOrder: string; route: RouteStep[] }[];
  /** The MES order this send made (for the posting's target and production order). */
  mesOrder?: { id?: string; number: string };
}

/** Where to look an order up: by the MES's order number at a target, or by the production order. */
export interface OrderLookup {
  mesTarget?: string;
  mesNumber?: string;
  productionOrder?: string;
}

/** The route step a reported position is: the operation of that number, else the Nth operation. */
export function routeStepAt(route: readonly RouteStep[], position: number): RouteStep | undefined {
  return route.find((s) => s.operationNumber === position) ?? (Number.isInteger(position) && position >= 1 ? route[position - 1] : undefined);
}
