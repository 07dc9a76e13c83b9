// A D365 order as read (order-issued) -> the VIF MO that makes it. moNb is the D365 order number
// (VIF upserts on it, so a retry updates instead of adding). The line: VIF_LINES by the resource
// of the route's first operation, else by the production pool, else VIF_LINE_CODE; the unit:
// VIF_ITEM_UNITS by item, else VIF_UNIT_CODE. Rules are checked at send (mo-rules.ts), so a broken
// one is a failed posting the operator can edit, not a lost order.
import { defined, type EventOfKind } from '../../core/canonical-events.js';
import type { VifSettings } from './vif-settings.js';

export function moOf(order: EventOfKind<'order-issued'>, s: VifSettings): Record<string, unknown> {
  const resource = order.routeOperations[0]?.resource;
  const lineCode = (resource !== undefined && Object.hasOwn(s.lines, resource) ? s.lines[resource] : undefined) ?? (order.productionPool !== undefined && Object.hasOwn(s.lines, order.productionPool) ? s.lines[order.productionPool] : undefined) ?? s.lineCode;
  return defined({
    companyCode: s.company,
    establishmentCode: s.establishment,
    moNb: order.productionOrder,
    lineCode,
    itemCode: order.item,
    quantity: order.quantity,
    unitCode: Object.hasOwn(s.itemUnits, order.item) ? s.itemUnits[order.item] : s.unitCode,
    plannedBeginDateTime: order.plannedStart,
    plannedEndDateTime: order.plannedEnd,
    descriptionComment: order.name,
  });
}

/** The fields that make an MO what it is: equal ones need no update. */
export const moFields = ['lineCode', 'itemCode', 'quantity', 'unitCode', 'plannedBeginDateTime', 'plannedEndDateTime'] as const;
