// Next Plus MES: the Integration Builder posts Device/Serial, Item Attach and Operation events
// to three URLs and shows {"message"} of a failure to the operator. An add is answered with
// an externalId that Next Plus sends back on update and remove; a remove undoes what its add
// posted, found by that externalId or, when Next Plus sends null, by its subject (remove-subject.ts).
import { ConfigError, parseJsonSetting, zodProblems } from '../../config/settings-toolkit.js';
import { z } from 'zod';
import type { EnvStrings, IntegrationDefinition, Interpretation, SourceDefinition } from '../source.js';
import { deviceEventSchema, type DeviceEvent } from './device-event.js';
import { itemAttachEventSchema, type ItemAttachEvent } from './item-attach-event.js';
import type { Integration, NextPlusEvent } from './nextplus-event.js';
import { operationEventSchema, type OperationEvent } from './operation-event.js';
import { removeSubject } from './remove-subject.js';
import { carriesSampleIds } from './sample-ids.js';
import { checkTranslationRules, eventKind, productionOrderOf, toCanonical } from './to-canonical.js';
import { resolveTranslationRules, type TranslationRules } from './translation-rules.js';

interface Spec {
  name: Integration;
  label: string;
  idPrefix: string;
  schema: z.ZodType;
  /** The field of a remove (or update) that carries the externalId of what it refers to. */
  referenceField: string;
  reference(e: NextPlusEvent): string | null | undefined;
}

const specs: Spec[] = [
  {
    name: 'device',
    label: 'Device/Serial',
    idPrefix: 'DEV',
    schema: deviceEventSchema,
    referenceField: 'externalId',
    reference: (e) => (e.event.type === 'add' ? undefined : e.event.externalId),
  },
  {
    name: 'item-attach',
    label: 'Item Attach',
    idPrefix: 'ITM',
    schema: itemAttachEventSchema,
    // The top-level externalId is the parent device's; the attach itself is item.externalId.
    referenceField: 'item.externalId',
    reference: (e) => (e.integration === 'item-attach' ? e.event.item.externalId : undefined),
  },
  {
    name: 'operation',
    label: 'Operation',
    idPrefix: 'OPR',
    schema: operationEventSchema,
    referenceField: 'externalId',
    reference: (e) => (e.event.type === 'add' ? undefined : e.event.externalId),
  },
];

type AnyEvent = DeviceEvent | ItemAttachEvent | OperationEvent;

function integration(spec: Spec, rules: TranslationRules, dedupeWindowMs: number): IntegrationDefinition<AnyEvent> {
  const wrap = (event: AnyEvent) => ({ integration: spec.name, event }) as NextPlusEvent;
  return {
    name: spec.name,
    label: spec.label,
    idPrefix: spec.idPrefix,
    schema: spec.schema as z.ZodType<AnyEvent>,
    notAccepted: (problems) => `${spec.label} event not accepted: ${problems}. Nothing was posted; correct it in Next Plus and send it again.`,
    summarize: (event) => ({
      eventType: event.type,
      productionOrder: productionOrderOf(wrap(event), rules),
      workorderNumber: event.workorderNumber,
      serial: event.serial,
      sku: event.sku,
    }),
    isTestBody: (event) => carriesSampleIds(event),
    fingerprintWindowMs: dedupeWindowMs,
    interpret(event, ctx): Interpretation {
      const e = wrap(event);
      const reference = { subject: spec.reference(e) ?? undefined, field: spec.referenceField, integration: spec.name, bySubject: removeSubject(e) };
      if (event.type === 'remove') {
        const rule = rules.events[eventKind(e)];
        return { kind: 'reverse', reference, rule: rule === 'reverse' ? 'reverse' : 'none', required: rule === 'reverse' };
      }
      const events = () => toCanonical(e, rules, ctx.date, ctx.order);
      // update: the device keeps its identity, so Next Plus keeps the externalId it already has.
      return event.type === 'update' ? { kind: 'update', reference, events } : { kind: 'post', events };
    },
  };
}

export const nextplusSource: SourceDefinition<{ rules: TranslationRules; dedupeWindowMs: number }> = {
  name: 'nextplus',
  label: 'Next Plus',
  // Work orders the bridge made in Next Plus (ORDER_SYNC=nextplus) map back to their D365 order and route.
  ordersOf: 'nextplus',
  settings: (env, common) => ({ rules: translationRules(env.TRANSLATION), dedupeWindowMs: common.dedupeWindowMs }),
  create: ({ rules, dedupeWindowMs }) => ({
    integrations: specs.map((s) => integration(s, rules, dedupeWindowMs)),
    answer: (externalId) => ({ externalId }),
    connectHint: 'Paste these into Next Plus > Settings > Integrations > Integration Builder',
    testHint: 'Then press Test on each integration: the answer is a TEST-… externalId.',
  }),
  warnings({ rules }, targets, env) {
    const { positions, actCodes } = rules.lastOperation;
    if (!targets.includes('d365') || positions.length || actCodes.length) return [];
    // With order sync to Next Plus, the route read from D365 says which operation is the last.
    if (orderSyncTo(env, 'nextplus')) return [];
    return [
      'No last operation is configured (TRANSLATION lastOperation.positions / actCodes), so no Next Plus operation reports finished goods (ProdProductionOrderReportFinished) to D365. Set it to the position or actCode that finishes the product.',
    ];
  },
};

function orderSyncTo(env: EnvStrings, mes: string): boolean {
  return (env.ORDER_SYNC ?? '').split(',').some((v) => v.trim().toLowerCase() === mes);
}

function translationRules(json: string | undefined): TranslationRules {
  let rules: TranslationRules;
  try {
    rules = resolveTranslationRules(parseJsonSetting('TRANSLATION', json));
  } catch (err) {
    if (err instanceof z.ZodError) throw new ConfigError(zodProblems(err, 'TRANSLATION.'));
    throw err;
  }
  const problems = checkTranslationRules(rules);
  if (problems.length) throw new ConfigError(problems.map((p) => `TRANSLATION: ${p}`));
  return rules;
}
