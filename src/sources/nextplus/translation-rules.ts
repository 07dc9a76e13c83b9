// The Next Plus translation table as data, so every row can be overridden by configuration
// (TRANSLATION, a JSON object merged over these defaults). Rows name canonical events
// ("material-consumed"); the D365 message names of earlier versions are accepted as aliases,
// so existing settings keep working.
import { z } from 'zod';
import { productionKinds, type ProductionKind } from '../../core/canonical-events.js';
import { mergeSection } from '../../config/settings-toolkit.js';

const eventKinds = [
  'device.add',
  'device.update',
  'device.remove',
  'item-attach.add',
  'item-attach.remove',
  'operation.add',
  'operation.remove',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** Earlier versions named D365 messages here; each stands for one canonical event. */
const d365Aliases: Record<string, ProductionKind> = {
  ProdProductionOrderStart: 'order-started',
  ProdProductionOrderPickingList: 'material-consumed',
  ProdProductionOrderRouteCard: 'operation-reported',
  ProdProductionOrderReportFinished: 'quantity-finished',
  ProdProductionOrderEnd: 'order-ended',
};

const kind = z
  .enum([...productionKinds, ...Object.keys(d365Aliases)] as [string, ...string[]])
  .transform((k) => (Object.hasOwn(d365Aliases, k) ? d365Aliases[k]! : k) as ProductionKind);
/** What an add/update produces: a list of canonical events (empty = recorded only). */
const eventList = z.array(kind);
/** What a remove produces: the exact reversal of what the original posted, or nothing. */
const removeRule = z.enum(['reverse', 'none']);

const translationRulesSchema = z.strictObject({
  /** Which Next Plus field names the ERP production order. */
  productionOrderNumber: z.enum(['workorderExternalId-or-workorderNumber', 'workorderNumber', 'workorderExternalId']),
  events: z.strictObject({
    'device.add': eventList,
    'device.update': eventList,
    'device.remove': removeRule,
    'item-attach.add': eventList,
    'item-attach.remove': removeRule,
    'operation.add': eventList,
    'operation.remove': removeRule,
  }),
  /** Operations that finish the product: an add on one of these also produces `messages`. */
  lastOperation: z.strictObject({
    positions: z.array(z.number().int()),
    actCodes: z.array(z.string()),
    messages: eventList,
  }),
  startedQuantity: z.number().positive(),
  /** D365 journal names: read by the D365 target (D365_JOURNAL_NAMES); accepted here as before. */
  journalNames: z
    .strictObject({
      pickingList: z.string().min(1).optional(),
      routeCard: z.string().min(1).optional(),
      reportFinished: z.string().min(1).optional(),
    })
    .optional(),
});

export type TranslationRules = z.output<typeof translationRulesSchema>;

const defaultTranslationRules: z.input<typeof translationRulesSchema> = {
  productionOrderNumber: 'workorderExternalId-or-workorderNumber',
  events: {
    'device.add': ['order-started'],
    'device.update': [],
    'device.remove': 'none',
    'item-attach.add': ['material-consumed'],
    'item-attach.remove': 'reverse',
    'operation.add': ['operation-reported'],
    'operation.remove': 'reverse',
  },
  // No operation is the last one until configured: which one finishes the product is the
  // plant's routing, not something the bridge can guess (the start warns when D365 is a target).
  lastOperation: { positions: [], actCodes: [], messages: ['quantity-finished'] },
  startedQuantity: 1,
};

/** Merges an override object over the defaults (one level deep per section) and validates it. */
export function resolveTranslationRules(overrides: Record<string, unknown>): TranslationRules {
  const d = defaultTranslationRules;
  return translationRulesSchema.parse({
    ...d,
    ...overrides,
    events: mergeSection(d.events, overrides.events),
    lastOperation: mergeSection(d.lastOperation, overrides.lastOperation),
  });
}
