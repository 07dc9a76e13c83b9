// What a D365 status change does to the Next Plus work order. Next Plus's published API has no
// update or close of a work order, but its REST API is LoopBack-style, where
// `PATCH /api/Workorders/{id}` sets fields: NEXTPLUS_STATUS_UPDATES (a JSON object, status ->
// fields to set, e.g. {"ended":{"closed":true}}) says which fields mean what in this Next Plus.
// A status with fields is a posting that looks the work order up by number and PATCHes it; one
// without (the default) is a posting recorded without a call, saying what a person has to do,
// so the operator sees it with the order's other postings.
import { z } from 'zod';
import { orderStatuses, type OrderStatus } from '../../core/canonical-events.js';
import { ConfigError, parseJsonSetting, type Env } from '../../config/settings-toolkit.js';
import type { SendResult } from '../connector.js';
import type { NextPlusClient } from './nextplus-client.js';

export const UPDATE_WORKORDER = 'UpdateWorkorder';
export const RECORD_STATUS = 'RecordStatus';

export type StatusUpdates = Partial<Record<OrderStatus, Record<string, string | number | boolean | null>>>;

const FIELD = /^(name|partDesc|quantity|closed|status|C_\w+)$/;
const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** NEXTPLUS_STATUS_UPDATES, checked field by field so each problem is named where it is. */
export function statusUpdates(env: Env): StatusUpdates {
  const problems: string[] = [];
  const updates: StatusUpdates = {};
  for (const [status, set] of Object.entries(parseJsonSetting('NEXTPLUS_STATUS_UPDATES', env.NEXTPLUS_STATUS_UPDATES))) {
    const at = `NEXTPLUS_STATUS_UPDATES.${status}`;
    if (!(orderStatuses as readonly string[]).includes(status)) problems.push(`${at}: is not a status the bridge knows; use ${orderStatuses.join(', ')}`);
    else if (typeof set !== 'object' || set === null || Array.isArray(set)) problems.push(`${at}: must be an object of the work order fields to set, such as {"closed": true}`);
    else {
      for (const [field, value] of Object.entries(set)) {
        if (!FIELD.test(field)) problems.push(`${at}.${field}: is not a work order field the bridge may set; use name, partDesc, quantity, closed, status or C_<custom>`);
        else if (!scalar(value)) problems.push(`${at}.${field}: must be a text, a number, true, false or null`);
      }
      updates[status as OrderStatus] = set as Record<string, string | number | boolean | null>;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return updates;
}

/** The posting for a status change: the fields to set, or a record of what a person must do. */
export function statusMessage(workorderNumber: string, status: OrderStatus, updates: StatusUpdates) {
  const set = updates[status];
  if (set && Object.keys(set).length) return { messageType: UPDATE_WORKORDER, content: { workorderNumber, status, fields: set } };
  return { messageType: RECORD_STATUS, content: { workorderNumber, status } };
}

const byHand: Record<OrderStatus, (wo: string) => string> = {
  started: (wo) => `recorded: D365 started the order; nothing was sent to Next Plus, where work order ${wo} starts on the floor (NEXTPLUS_STATUS_UPDATES has no fields for started)`,
  ended: (wo) => `recorded: close work order ${wo} in Next Plus by hand — D365 ended the order (NEXTPLUS_STATUS_UPDATES has no fields for ended)`,
  withdrawn: (wo) => `recorded: close or delete work order ${wo} in Next Plus by hand — the order was reset or deleted in D365 (NEXTPLUS_STATUS_UPDATES has no fields for withdrawn)`,
};

export const recordSchema = z.strictObject({ workorderNumber: z.string().min(1), status: z.enum(orderStatuses) });
export const updateSchema = z.strictObject({ workorderNumber: z.string().min(1), status: z.enum(orderStatuses), fields: z.record(z.string(), z.unknown()) });

export function recordStatus(content: z.infer<typeof recordSchema>): SendResult {
  return { outcome: 'delivered', response: byHand[content.status](content.workorderNumber) };
}

/** Looks the work order up by number and PATCHes its fields; none in Next Plus: nothing to update. */
export async function updateWorkorder(client: NextPlusClient, workorders: string, content: z.infer<typeof updateSchema>): Promise<SendResult> {
  const wo = content.workorderNumber;
  const filter = JSON.stringify({ where: { workorderNumber: wo }, limit: 1 });
  const found = await client.call('GET', `${workorders}?filter=${encodeURIComponent(filter)}`);
  if (!found.ok) return { ...found.failure, error: `looking up work order ${wo}: ${found.failure.error ?? `HTTP ${found.status}`}` };
  const [existing] = Array.isArray(found.body) ? (found.body as { id?: string }[]) : [];
  if (!existing?.id) return { outcome: 'delivered', status: found.status, response: `Next Plus has no work order ${wo} (never made, or deleted): nothing to update for ${content.status}` };
  const patched = await client.call('PATCH', `${workorders}/${encodeURIComponent(existing.id)}`, content.fields);
  if (!patched.ok) return { ...patched.failure, error: `updating work order ${wo} (${content.status}): ${patched.failure.error ?? `HTTP ${patched.status}`}` };
  return { outcome: 'delivered', status: patched.status, response: JSON.stringify({ id: existing.id, workorderNumber: wo, [content.status]: content.fields }) };
}
