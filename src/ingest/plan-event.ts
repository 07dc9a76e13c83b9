// Decides what an accepted event writes: its externalId, its postings, the keys it claims and
// the event it refers to. Reads the ledger (to find what a remove reverses) but writes nothing.
import { BridgeError } from '../http/bridge-error.js';
import type { IntegrationSpec } from '../integrations/integrations.js';
import type { DeliveryRow, KeyClaim, LedgerStore, NewPosting } from '../store/ledger-store.js';
import type { NextPlusEvent, PostingDraft } from '../translation/posting.js';
import { IrreversibleError, reversePostings } from '../translation/reverse-postings.js';
import { eventKind, translate, TranslationError } from '../translation/translate.js';
import type { TranslationRules } from '../translation/translation-rules.js';
import { reversalKey } from './dedupe-keys.js';
import { newExternalId } from './ids.js';

export interface PlanInput {
  spec: IntegrationSpec;
  event: NextPlusEvent;
  test: boolean;
  /** The plant's date of the event, YYYY-MM-DD. */
  date: string;
  rules: TranslationRules;
  store: LedgerStore;
  now: number;
}

export type Plan =
  | {
      externalId: string;
      postings: NewPosting[];
      claims: KeyClaim[];
      refersTo?: DeliveryRow;
      releaseFingerprintsOf?: string;
      cancelIfUnsent?: number[];
      note?: string;
    }
  /** A remove of something already reversed: answered like the first remove was. */
  | { repeatOf: DeliveryRow };

export async function planEvent(input: PlanInput): Promise<Plan> {
  const { event: e } = input;
  if (e.event.type === 'remove') return planRemove(input);
  const postings = input.test ? [] : translateOrReject(input);
  if (e.event.type === 'add') return { externalId: newExternalId(input.spec.idPrefix, input.test), postings, claims: [] };
  // update: the device keeps its identity, so Next Plus keeps the externalId it already has.
  const reference = input.spec.reference(e) ?? '';
  const found = await input.store.findEventByExternalId(reference);
  // A test only ever links to a test, so the Test button can't touch a real device's record.
  const original = found && (found.outcome === 'test') === input.test ? found : undefined;
  if (original) return { externalId: original.externalId ?? reference, postings, claims: [], refersTo: original };
  return {
    externalId: input.test ? newExternalId(input.spec.idPrefix, true) : reference,
    postings,
    claims: [],
    note: `the bridge never received ${reference}; recorded unlinked`,
  };
}

function translateOrReject({ event, rules, date }: PlanInput): PostingDraft[] {
  try {
    return translate(event, rules, date);
  } catch (err) {
    if (err instanceof TranslationError) throw new BridgeError(422, `${capitalise(err.message)}. Nothing was posted.`);
    throw err;
  }
}

async function planRemove(input: PlanInput): Promise<Plan> {
  const { spec, event: e, test, store } = input;
  const externalId = newExternalId(spec.idPrefix, test);
  const rule = input.rules.events[eventKind(e)];
  const reference = spec.reference(e);
  const original = reference ? await store.findEventByExternalId(reference) : undefined;

  // The Test button sends made-up externalIds: a test remove is checked, never resolved.
  if (test) return { externalId, postings: [], claims: [], refersTo: original?.outcome === 'test' ? original : undefined };

  if (!original) {
    if (rule !== 'reverse') {
      return { externalId, postings: [], claims: [], note: `nothing to reverse: ${reference ?? 'no externalId'} was not received by the bridge` };
    }
    throw new BridgeError(422, unknownReferenceMessage(spec, reference));
  }
  if (original.integration !== spec.name) {
    throw new BridgeError(
      409,
      `${spec.label} remove refers to ${reference}, which is a ${original.integration} event, not ${article(spec.label)} ${spec.label} event. Nothing was reversed.`,
    );
  }
  const repeat = await store.findKeyOwner([reversalKey(original.id)], input.now);
  if (repeat) return { repeatOf: repeat };

  const postings = rule === 'reverse' ? await reversalOf(original, input.date, store) : [];
  return {
    externalId,
    postings,
    claims: [{ key: reversalKey(original.id), expiresAt: null }],
    refersTo: original,
    // add, remove, add of the same serial is three real events: the second add must not be
    // taken for a repeat of the first.
    releaseFingerprintsOf: original.id,
    cancelIfUnsent: postings.map((p) => p.reversesPostingId!),
  };
}

async function reversalOf(original: DeliveryRow, date: string, store: LedgerStore): Promise<NewPosting[]> {
  const posted = (await store.postingsOf(original.id)).filter((p) => p.state !== 'cancelled');
  try {
    const drafts = reversePostings(
      posted.map((p) => ({ messageType: p.messageType as PostingDraft['messageType'], productionOrder: p.productionOrder, content: JSON.parse(p.content) })),
      date,
    );
    return drafts.map((d, i) => ({ ...d, reversesPostingId: posted[i]!.id }));
  } catch (err) {
    if (err instanceof IrreversibleError) {
      throw new BridgeError(409, `This can't be undone automatically: ${err.message}. Reverse it in the ERP by hand.`);
    }
    throw err;
  }
}

function unknownReferenceMessage(spec: IntegrationSpec, reference: string | undefined): string {
  const field = spec.name === 'item-attach' ? 'item.externalId' : 'externalId';
  if (!reference) {
    return `${spec.label} remove has no ${field}, so the bridge can't tell what to reverse. Nothing was posted; reverse it in the ERP by hand or resend it with ${field}.`;
  }
  return `${spec.label} remove refers to ${field} ${reference}, which this bridge never received, so there is nothing to reverse. Nothing was posted; check that the original was sent to this bridge.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
