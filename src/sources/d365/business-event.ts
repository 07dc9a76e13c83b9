// One D365 business event as its HTTPS endpoint delivers it: a flat JSON object with the
// envelope (BusinessEventId, EventId, BusinessEventLegalEntity, EventTime, ...) and the event's
// own fields. Only the envelope's id fields are required: an event the bridge does not know is
// still recorded and answered 2xx, so D365 does not retry it for ever.
import { z } from 'zod';
import { defined, type CanonicalEvent } from '../../core/canonical-events.js';
import { invalid } from '../../core/domain-errors.js';
import type { Interpretation } from '../source.js';
import type { D365SourceSettings } from './d365-source-settings.js';
import { interpretProcessed } from './message-processed.js';

const id = z.string().trim().min(1).max(200);

export const businessEventSchema = z.looseObject({
  BusinessEventId: id,
  EventId: id,
  BusinessEventLegalEntity: z.string().trim().max(40).optional(),
  EventTimeIso8601: z.string().max(60).optional(),
  ProductionOrderNumber: z.string().trim().max(120).optional(),
  LegalEntity: z.string().trim().max(40).optional(),
});
export type BusinessEvent = z.infer<typeof businessEventSchema>;

const recordOnly = (note: string): Interpretation => ({ kind: 'post', events: () => [], note });

/** When it happened in D365, as ISO 8601 (EventTimeIso8601 carries 7 fractional digits). */
function occurredAt(e: BusinessEvent): string | undefined {
  const t = e.EventTimeIso8601 ? Date.parse(e.EventTimeIso8601) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function interpretBusinessEvent(e: BusinessEvent, s: D365SourceSettings, date: string): Interpretation {
  const entity = (e.BusinessEventLegalEntity ?? e.LegalEntity ?? '').toLowerCase();
  if (entity !== s.company) {
    return recordOnly(`legal entity ${entity || '(none)'} is not D365_COMPANY ${s.company}: recorded and ignored`);
  }
  // D365's verdict on a message the bridge sent (MES -> ERP): message-processed.ts.
  if (e.BusinessEventId === s.processed.eventId) return interpretProcessed(e, s.processed, occurredAt(e));
  const known = e.BusinessEventId === s.releasedEventId || e.BusinessEventId === s.statusEventId;
  if (!known) {
    return recordOnly(`unknown business event ${e.BusinessEventId}: recorded, nothing done (deactivate it for this endpoint in D365's business event catalog)`);
  }
  const order = e.ProductionOrderNumber;
  if (!order) throw invalid(`The D365 business event ${e.BusinessEventId} has no ProductionOrderNumber, so the bridge can't tell which order it is about. Nothing was done.`);
  const base = { productionOrder: order, date, occurredAt: occurredAt(e), company: s.company };
  if (e.BusinessEventId === s.releasedEventId) {
    return { kind: 'post', events: (): CanonicalEvent[] => [defined({ kind: 'order-released' as const, ...base })] };
  }
  const symbol = String(e[s.statusField] ?? '');
  const status = Object.hasOwn(s.statuses, symbol) ? s.statuses[symbol] : undefined;
  if (!status) return recordOnly(`order ${order} is now ${symbol || `(no ${s.statusField})`} in D365: recorded, nothing for the MES to do`);
  return { kind: 'post', events: (): CanonicalEvent[] => [defined({ kind: 'order-status-changed' as const, ...base, status })] };
}
