// Dynamics 365 as a source of order events (ERP -> MES): its business events, POSTed by D365's
// HTTPS business-event endpoint to /d365/business-events, one event or an array of them. Each
// event is a delivery of its own, keyed by its EventId (a repeat is a duplicate). Switched on by
// ORDER_SYNC (anything but off), or by the D365 target alone: D365's verdicts on the messages the
// bridge sent it (message-processed.ts) come the same way. Reading the released order from OData
// is the d365-orders target's durable work, never part of the answer.
import type { SourceDefinition } from '../source.js';
import { businessEventSchema, interpretBusinessEvent, type BusinessEvent } from './business-event.js';
import { d365SourceSettings, type D365SourceSettings } from './d365-source-settings.js';
import { d365TargetOn, processedOrder } from './message-processed.js';

/**
 * What an event of this company says of its order, stored as the delivery's verb: released,
 * started, ended, withdrawn (undefined for anything else). The catch-up poll reads the last one
 * per order to know which synced orders are still out in the MES.
 */
export function orderVerb(e: BusinessEvent, s: D365SourceSettings): string | undefined {
  if ((e.BusinessEventLegalEntity ?? e.LegalEntity ?? '').toLowerCase() !== s.company) return undefined;
  if (e.BusinessEventId === s.releasedEventId) return 'released';
  if (e.BusinessEventId !== s.statusEventId) return undefined;
  const symbol = String(e[s.statusField] ?? '');
  return Object.hasOwn(s.statuses, symbol) ? s.statuses[symbol] : undefined;
}

/** The set-up in D365, naming only the events this bridge acts on, and the configured legal entity; no closing period (the page adds it). */
function connectHint(s: D365SourceSettings): string {
  const events = [...(s.orderSync ? ['the production order events (order sync)'] : []), ...(s.verdicts ? ["Message processor message processed (D365's verdicts on what the bridge sent)"] : [])];
  return `In D365 (System administration > Business events), make an HTTPS endpoint with this URL and activate for it ${events.join(' and ')}, legal entity ${s.company}`;
}

export const d365Source: SourceDefinition<D365SourceSettings> = {
  name: 'd365',
  label: 'Dynamics 365',
  labelPrefix: 'D365',
  direction: 'erp-to-mes',
  switchedOn: (env) => ((env.ORDER_SYNC ?? 'off').trim().toLowerCase() !== 'off' && (env.ORDER_SYNC ?? '').trim() !== '') || d365TargetOn(env),
  offHint: 'set ORDER_SYNC to nextplus, vif or nextplus,vif, or add d365 to ERP_TARGETS, to receive D365 business events',
  settings: (env) => d365SourceSettings(env),
  create: (settings) => ({
    answer: (id) => ({ id }),
    connectHint: connectHint(settings),
    testHint: 'Add ?test=1 to check an event without acting on it.',
    integrations: [
      {
        name: 'business-events',
        label: 'business events',
        idPrefix: 'D365',
        schema: businessEventSchema,
        acceptsArray: true,
        keyOf: (e: BusinessEvent) => e.EventId,
        notAccepted: (problems) => `The D365 business event is not one the bridge can read: ${problems}. Nothing was done.`,
        summarize: (e: BusinessEvent) => {
          // A verdict (D365's answer on a message the bridge sent) is told apart by its verb, not counted as an order event.
          const verdict = e.BusinessEventId === settings.processed.eventId;
          const order = verdict ? processedOrder(e, settings.processed) : e.ProductionOrderNumber;
          return { productionOrder: order, workorderNumber: order, eventType: verdict ? 'verdict' : orderVerb(e, settings) };
        },
        fingerprintWindowMs: 0,
        interpret: (e: BusinessEvent, ctx) => interpretBusinessEvent(e, settings, ctx.date),
      },
    ],
  }),
};
