// The translation table (shared/spec/README.md section 3) as data, so every row can be
// overridden by configuration (TRANSLATION, a JSON object merged over these defaults).
import { z } from 'zod';
import { d365MessageTypes, type D365MessageType } from '../d365/message-spec.js';

export const eventKinds = [
  'device.add',
  'device.update',
  'device.remove',
  'item-attach.add',
  'item-attach.remove',
  'operation.add',
  'operation.remove',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** What an add/update produces: a list of message types (empty = recorded only). */
const messageList = z.array(z.enum(d365MessageTypes as [D365MessageType, ...D365MessageType[]]));
/** What a remove produces: the exact reversal of what the original posted, or nothing. */
const removeRule = z.enum(['reverse', 'none']);

export const translationRulesSchema = z.strictObject({
  /** Which Next Plus field names the D365 production order. */
  productionOrderNumber: z.enum(['workorderExternalId-or-workorderNumber', 'workorderNumber', 'workorderExternalId']),
  events: z.strictObject({
    'device.add': messageList,
    'device.update': messageList,
    'device.remove': removeRule,
    'item-attach.add': messageList,
    'item-attach.remove': removeRule,
    'operation.add': messageList,
    'operation.remove': removeRule,
  }),
  /** Operations that finish the product: an add on one of these also posts `messages`. */
  lastOperation: z.strictObject({
    positions: z.array(z.number().int()),
    actCodes: z.array(z.string()),
    messages: messageList,
  }),
  startedQuantity: z.number().positive(),
  /** Optional D365 journal names; omitted from messages when unset (D365 uses its defaults). */
  journalNames: z.strictObject({
    pickingList: z.string().min(1).optional(),
    routeCard: z.string().min(1).optional(),
    reportFinished: z.string().min(1).optional(),
  }),
});

export type TranslationRules = z.infer<typeof translationRulesSchema>;

export const defaultTranslationRules: TranslationRules = {
  productionOrderNumber: 'workorderExternalId-or-workorderNumber',
  events: {
    'device.add': ['ProdProductionOrderStart'],
    'device.update': [],
    'device.remove': 'none',
    'item-attach.add': ['ProdProductionOrderPickingList'],
    'item-attach.remove': 'reverse',
    'operation.add': ['ProdProductionOrderRouteCard'],
    'operation.remove': 'reverse',
  },
  lastOperation: { positions: [], actCodes: [], messages: ['ProdProductionOrderReportFinished'] },
  startedQuantity: 1,
  journalNames: {},
};

/** Merges an override object over the defaults (one level deep per section) and validates it. */
export function resolveTranslationRules(overrides: unknown): TranslationRules {
  const o = (overrides ?? {}) as Partial<Record<keyof TranslationRules, unknown>>;
  const d = defaultTranslationRules;
  const merged = {
    ...d,
    ...o,
    events: { ...d.events, ...(o.events as object) },
    lastOperation: { ...d.lastOperation, ...(o.lastOperation as object) },
    journalNames: { ...d.journalNames, ...(o.journalNames as object) },
  };
  return translationRulesSchema.parse(merged);
}
