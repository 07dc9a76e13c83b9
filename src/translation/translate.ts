// Next Plus event -> ERP postings. Pure: no I/O, no clock (the date comes in), so every row
// of the translation table is a table test. Removes are not translated here: a reversal is
// computed from what was actually posted (reverse-postings.ts), not from the remove's body.
import { buildableFrom, messageBuilders } from './message-builders.js';
import type { NextPlusEvent, PostingDraft } from './posting.js';
import type { EventKind, TranslationRules } from './translation-rules.js';

export class TranslationError extends Error {}

export function eventKind(e: NextPlusEvent): EventKind {
  return `${e.integration}.${e.event.type}` as EventKind;
}

/** The D365 production order an event belongs to, per the configured rule. */
export function productionOrderOf(e: NextPlusEvent, rules: TranslationRules): string | undefined {
  const { workorderExternalId, workorderNumber } = e.event;
  switch (rules.productionOrderNumber) {
    case 'workorderNumber':
      return workorderNumber;
    case 'workorderExternalId':
      return workorderExternalId;
    default:
      return workorderExternalId ?? workorderNumber;
  }
}

function isLastOperation(e: NextPlusEvent, rules: TranslationRules): boolean {
  if (e.integration !== 'operation' || e.event.type !== 'add') return false;
  const { positions, actCodes } = rules.lastOperation;
  return positions.includes(e.event.position) || (!!e.event.actCode && actCodes.includes(e.event.actCode));
}

export function translate(e: NextPlusEvent, rules: TranslationRules, date: string): PostingDraft[] {
  const rule = rules.events[eventKind(e)];
  if (!Array.isArray(rule)) return [];
  const types = isLastOperation(e, rules) ? [...rule, ...rules.lastOperation.messages] : rule;
  if (types.length === 0) return [];
  const productionOrder = productionOrderOf(e, rules);
  if (!productionOrder) {
    throw new TranslationError(
      `work order ${e.event.workorderNumber} has no ERP production order (workorderExternalId is empty), so it can't be posted. Create the work order from the ERP, or set productionOrderNumber to workorderNumber in the bridge's TRANSLATION setting`,
    );
  }
  return types.map((messageType) => {
    const content = messageBuilders[messageType](e, { productionOrder, date, rules });
    if (!content) throw new TranslationError(`${messageType} can't be built from a ${eventKind(e)} event`);
    return { messageType, productionOrder, content };
  });
}

/** Problems with a rule set that would only show when an event arrives; checked at start. */
export function checkTranslationRules(rules: TranslationRules): string[] {
  const problems: string[] = [];
  for (const [kind, rule] of Object.entries(rules.events) as [EventKind, unknown][]) {
    if (!Array.isArray(rule)) continue;
    for (const type of rule as (keyof typeof buildableFrom)[]) {
      if (!buildableFrom[type].includes(kind)) problems.push(`${kind} can't produce ${type}`);
    }
  }
  for (const type of rules.lastOperation.messages) {
    if (!buildableFrom[type].includes('operation.add')) problems.push(`lastOperation can't produce ${type}`);
  }
  return problems;
}
