// Decides what an accepted event writes: its answer id, its postings for every target, the keys
// it claims and the event it refers to. Reads the ledger (to find what an update or a reversal
// points at) but writes nothing. Source-neutral: the source said what the event means.
import { conflict, unprocessable } from '../core/domain-errors.js';
import { newExternalId } from '../core/ids.js';
import { plantDate } from '../core/plant-date.js';
import type { CanonicalEvent } from '../core/canonical-events.js';
import type { KnownOrder } from '../core/known-order.js';
import type { Interpretation, Reference, SourceIntegration, Translation } from '../sources/source.js';
import type { DeliveryRow, KeyClaim, LedgerStore, PostingDraft } from '../store/ledger-store.js';
import type { EventOrigin, Target, TargetMessage } from '../targets/target.js';
import { reversalKey } from './dedupe-keys.js';
import { findReferenced } from './find-referenced.js';
import { datedWhenHappened } from '../core/event-time.js';

interface PlanInput {
  integration: SourceIntegration;
  interpretation: Interpretation;
  deliveryId: string;
  eventType?: string;
  test: boolean;
  /** The plant's date of the event, YYYY-MM-DD. */
  date: string;
  now: number;
  plantTimeZone: string;
  store: LedgerStore;
  targets: readonly Target[];
}

type Plan =
  | {
      externalId: string;
      /** What later events find this one by (none for updates and reversals). */
      subject?: string;
      postings: PostingDraft[];
      claims: KeyClaim[];
      refersTo?: DeliveryRow;
      releaseFingerprintsOf?: string;
      cancelIfUnsent?: number[];
      note?: string;
    }
  /** A reversal of something already reversed: answered like the first one was. */
  | { repeatOf: DeliveryRow };

export async function planPostings(input: PlanInput): Promise<Plan> {
  const { interpretation: it } = input;
  if (it.kind === 'reverse') return planReversal(input, it);
  if (it.kind === 'post') {
    const externalId = newExternalId(input.integration.idPrefix, input.test);
    return { externalId, subject: it.subject ?? externalId, postings: postingsFor(input, it.events, externalId), claims: [], note: it.note };
  }
  // update: the thing keeps its identity, so the MES keeps the id it already has.
  const reference = it.reference.subject ?? '';
  // A test only ever finds a test (findReferenced), so a test can't touch a real event's record.
  const original = await findReferenced(input, it.reference);
  const externalId = original?.externalId ?? (input.test ? newExternalId(input.integration.idPrefix, true) : reference);
  const postings = postingsFor(input, it.events, externalId);
  if (original) return { externalId, postings, claims: [], refersTo: original };
  return { externalId, postings, claims: [], note: `the bridge never received ${reference}; recorded unlinked` };
}

/** A test is never translated and never posted: it is checked, interpreted and recorded. */
function postingsFor(input: PlanInput, events: Translation, externalId: string): PostingDraft[] {
  if (input.test) return [];
  return postingsForEvents(input.targets, datedWhenHappened(events(), input.now, input.plantTimeZone), originOf(input, externalId));
}

/**
 * An event recorded earlier, planned again as if it were new: an operator posts a delivery the
 * bridge suppressed as a duplicate anyway. Interpreted as of the day it was received; a reversal
 * is refused (the original was reversed once, and a second reversal would double it).
 */
export function planRepost(input: {
  integration: SourceIntegration;
  /** The event as the schema made it, as stored. */
  event: unknown;
  deliveryId: string;
  eventType?: string;
  externalId: string;
  receivedAt: number;
  plantTimeZone: string;
  targets: readonly Target[];
  /** The order it reports on, when the bridge synced it to the source's MES (order-reported-on.ts). */
  order?: KnownOrder;
}): PostingDraft[] {
  const { integration } = input;
  const meaning = integration.interpret(input.event, { date: plantDate(input.receivedAt, input.plantTimeZone), order: input.order });
  if (meaning.kind === 'reverse') throw conflict('A repeated reversal is not posted again: the original was reversed once, and a second reversal would double it.');
  const origin: EventOrigin = {
    source: integration.source,
    integration: integration.name,
    eventType: input.eventType,
    deliveryId: input.deliveryId,
    externalId: input.externalId,
    receivedAt: input.receivedAt,
  };
  return postingsForEvents(input.targets, datedWhenHappened(meaning.events(), input.receivedAt, input.plantTimeZone), origin);
}

/**
 * Every canonical event for every target that takes its kind: one posting per target message, in
 * event order per target. Also how the dispatcher plans the follow-up events a send returns.
 */
export function postingsForEvents(targets: readonly Target[], events: readonly CanonicalEvent[], origin: EventOrigin): PostingDraft[] {
  return targets.flatMap((target) =>
    events.filter((event) => target.takes.includes(event.kind)).flatMap((event) => target.build(event, origin).map((m) => posting(target, event.productionOrder, m))),
  );
}

async function planReversal(input: PlanInput, it: Extract<Interpretation, { kind: 'reverse' }>): Promise<Plan> {
  const { integration, test, store } = input;
  const externalId = newExternalId(integration.idPrefix, test);
  const { subject } = it.reference;
  const original = await findReferenced(input, it.reference);

  // A test reversal finds only a test original: it is linked to it and recorded, and reverses nothing.
  if (test) return { externalId, postings: [], claims: [], refersTo: original };

  if (!original) {
    if (!it.required) return { externalId, postings: [], claims: [], note: `nothing to reverse: ${nothingFound(it.reference)}` };
    throw unprocessable(unknownReferenceMessage(integration, input.eventType ?? 'event', it.reference));
  }
  if (it.reference.integration && original.integration !== it.reference.integration) {
    throw conflict(
      `${integration.label} ${input.eventType ?? 'event'} refers to ${subject}, which is a ${original.integration} event, not ${article(integration.label)} ${integration.label} event. Nothing was reversed.`,
    );
  }
  const repeat = await store.findKeyOwner([reversalKey(original.id)], input.now);
  if (repeat) return { repeatOf: repeat };

  const postings = it.rule === 'reverse' ? await reversalOf(input, original, externalId) : [];
  return {
    externalId,
    postings,
    claims: [{ key: reversalKey(original.id), expiresAt: null }],
    refersTo: original,
    // add, remove, add of the same thing is three real events: the second add must not be
    // taken for a repeat of the first.
    releaseFingerprintsOf: original.id,
    cancelIfUnsent: postings.map((p) => p.reversesPostingId!),
  };
}

/** What was actually posted (an operator's edit included), undone by each target it went to. */
async function reversalOf(input: PlanInput, original: DeliveryRow, externalId: string): Promise<PostingDraft[]> {
  const posted = (await input.store.postingsOf(original.id)).filter((p) => p.state !== 'cancelled');
  const origin = originOf(input, externalId);
  return posted.flatMap((p) => {
    const target = input.targets.find((t) => t.name === p.target);
    if (!target) {
      throw conflict(`The original was posted to the ${p.target} target, which is not switched on now (ERP_TARGETS), so the bridge can't reverse it. Reverse it there by hand.`);
    }
    const m = target.reverse({ postingId: p.id, deliveryId: p.deliveryId, messageType: p.messageType, content: JSON.parse(p.content) }, input.date, origin);
    // Nothing to undo (D365's automatic Start: the order stays started for its other events).
    return m ? [{ ...posting(target, p.productionOrder, m), reversesPostingId: p.id }] : [];
  });
}

/** One message for one target, in its lane; the journal's is delivered the moment it is written. */
function posting(target: Target, productionOrder: string, m: TargetMessage): PostingDraft {
  const state = target.connector.deliversOnCommit ? 'delivered' : 'queued';
  const draft: PostingDraft = { target: target.name, productionOrder, messageType: m.messageType, content: m.content, state };
  return m.unlessLaneHas ? { ...draft, unlessLaneHas: m.unlessLaneHas } : draft;
}

function originOf(input: PlanInput, externalId: string): EventOrigin {
  const { source, name } = input.integration;
  return { source, integration: name, eventType: input.eventType, deliveryId: input.deliveryId, externalId, receivedAt: input.now };
}

function unknownReferenceMessage(integration: SourceIntegration, verb: string, { subject, field, bySubject }: Reference): string {
  if (!subject && bySubject) {
    return `${integration.label} ${verb} has no ${field}, and the bridge has no ${bySubject.description} on record that was not taken back already, so there is nothing to reverse. Nothing was posted; check that the original was sent to this bridge, or reverse it in the ERP by hand.`;
  }
  if (!subject) {
    return `${integration.label} ${verb} has no ${field}, so the bridge can't tell what to reverse. Nothing was posted; reverse it in the ERP by hand or resend it with ${field}.`;
  }
  return `${integration.label} ${verb} refers to ${field} ${subject}, which this bridge never received, so there is nothing to reverse. Nothing was posted; check that the original was sent to this bridge.`;
}

function nothingFound({ subject, field, bySubject }: Reference): string {
  if (subject) return `${subject} was not received by the bridge`;
  return bySubject ? `no ${field}, and no ${bySubject.description} on record` : `no ${field}`;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
