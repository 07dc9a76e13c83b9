// The D365 order -> Next Plus work order mapping, as data like the translation table: each work
// order field names the order-issued field it is filled from; NEXTPLUS_FIELD_MAP (a JSON object)
// is merged over these defaults, null leaving a field out. kitItems come from the BOM lines.
// ASSUMED field names (issue 16; Next Plus's REST API is not published): workorderNumber, sku,
// quantity, source, name, partDesc, kitItems[{sku, quantity}], custom fields C_*.
import { z } from 'zod';
import { defined, type EventOfKind } from '../../core/canonical-events.js';
import { ConfigError, parseJsonSetting, zodProblems, type Env } from '../../config/settings-toolkit.js';

const orderFields = ['productionOrder', 'item', 'quantity', 'unit', 'name', 'plannedStart', 'plannedEnd', 'site', 'warehouse', 'productionPool', 'company'] as const;
type OrderField = (typeof orderFields)[number];

export const defaultWorkorderMapping: Record<string, OrderField | null> = {
  workorderNumber: 'productionOrder',
  sku: 'item',
  quantity: 'quantity',
  name: 'productionOrder',
  partDesc: 'name',
  C_plannedStart: 'plannedStart',
  C_plannedEnd: 'plannedEnd',
  C_site: 'site',
  C_warehouse: 'warehouse',
};

const mappingSchema = z.record(
  z.string().regex(/^(workorderNumber|sku|quantity|name|partDesc|C_\w+)$/, { error: 'names a work order field: workorderNumber, sku, quantity, name, partDesc or C_<custom>' }),
  z.enum(orderFields, { error: `must be null or one of ${orderFields.join(', ')}` }).nullable(),
);

export function workorderMapping(env: Env): Record<string, OrderField | null> {
  const parsed = mappingSchema.safeParse({ ...defaultWorkorderMapping, ...parseJsonSetting('NEXTPLUS_FIELD_MAP', env.NEXTPLUS_FIELD_MAP) });
  if (!parsed.success) throw new ConfigError(zodProblems(parsed.error, 'NEXTPLUS_FIELD_MAP.'));
  return parsed.data;
}

/** The work order to create for an issued order. */
export function workorderOf(order: EventOfKind<'order-issued'>, mapping: Record<string, OrderField | null>, source: string, kitItems: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, from] of Object.entries(mapping)) if (from) body[field] = order[from];
  body.source = source;
  if (kitItems && order.bomLines.length) body.kitItems = order.bomLines.map((l) => ({ sku: l.item, quantity: l.quantity }));
  return defined(body);
}
