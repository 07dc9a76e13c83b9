// What an operator can do to fix delivery, shared by the admin API and the console so both
// enforce the same rules and record the same who/when. Each throws a BridgeError with the
// operator message when the action does not fit; the caller kicks the dispatcher.
import { checkMessage, d365MessageSpecs } from '../d365/message-spec.js';
import type { AppDeps } from '../deps.js';
import { BridgeError } from '../http/bridge-error.js';
import type { PostingRow, PostingState } from '../store/outbox-store.js';
import type { NextPlusEvent } from '../translation/posting.js';
import { plantDate } from '../translation/plant-date.js';
import { translate, TranslationError } from '../translation/translate.js';

export type PostingActionName = 'retry' | 'cancel' | 'requeue';

const transitions: Record<PostingActionName, { from: PostingState[]; to: 'queued' | 'cancelled'; verb: string }> = {
  retry: { from: ['failed', 'queued', 'held'], to: 'queued', verb: 'retried' },
  cancel: { from: ['failed', 'queued', 'held'], to: 'cancelled', verb: 'cancelled' },
  requeue: { from: ['cancelled'], to: 'queued', verb: 're-queued' },
};

export function operatorActions(deps: AppDeps) {
  async function posting(id: number): Promise<PostingRow> {
    const found = await deps.outbox.getPosting(id);
    if (!found) throw new BridgeError(404, `No posting ${id}.`);
    return found;
  }

  return {
    /** Retry now, cancel, or re-queue one posting. */
    async apply(id: number, action: PostingActionName, actor: string): Promise<PostingRow> {
      const { from, to, verb } = transitions[action];
      const done = await deps.outbox.transition(id, from, to, { name: action, actor, at: deps.clock.now() });
      const after = await posting(id);
      if (!done) throw new BridgeError(409, `Posting ${id} is ${after.state}; only ${from.join(', ')} postings can be ${verb}.`);
      return after;
    },

    /** Replaces a failed posting's content after checking it against the D365 message spec. */
    async edit(id: number, content: Record<string, unknown>, actor: string): Promise<PostingRow> {
      const before = await posting(id);
      const problems = checkMessage(d365MessageSpecs, before.messageType, content);
      if (problems.length) throw new BridgeError(400, `The edited ${before.messageType} is not valid for D365: ${problems.join('; ')}.`);
      const done = await deps.outbox.editContent(id, JSON.stringify(content), { actor, at: deps.clock.now() });
      if (!done) throw new BridgeError(409, `Posting ${id} is ${before.state}; only failed postings can be edited.`);
      return posting(id);
    },

    /** Retries every failed posting of one production order, oldest first. */
    async retryOrder(order: string, actor: string): Promise<number> {
      const failed = await deps.queries.postings({ state: 'failed', productionOrder: order, limit: 1000 });
      let retried = 0;
      for (const p of failed.items.reverse()) {
        if (await deps.outbox.transition(p.id, ['failed'], 'queued', { name: 'retry', actor, at: deps.clock.now() })) retried++;
      }
      if (retried === 0) throw new BridgeError(409, `Production order ${order} has no failed postings to retry.`);
      return retried;
    },

    /** Posts a delivery the bridge suppressed as a duplicate, as if it had been new. */
    async postDuplicateAnyway(deliveryId: string, actor: string): Promise<number> {
      const dup = await deps.store.getDelivery(deliveryId);
      if (!dup) throw new BridgeError(404, `No event ${deliveryId}.`);
      if (dup.outcome !== 'duplicate' || !dup.event) throw new BridgeError(409, `Event ${deliveryId} is ${dup.outcome}, not a suppressed duplicate.`);
      if (dup.eventType === 'remove') throw new BridgeError(409, 'A repeated remove is not posted again: the original was reversed once, and a second reversal would double it.');
      const event = { integration: dup.integration, event: JSON.parse(dup.event) } as NextPlusEvent;
      let drafts;
      try {
        drafts = translate(event, deps.config.translation, plantDate(dup.receivedAt, deps.config.plantTimeZone));
      } catch (err) {
        if (err instanceof TranslationError) throw new BridgeError(422, `${err.message}; nothing was posted.`);
        throw err;
      }
      if (drafts.length === 0) throw new BridgeError(409, `Event ${deliveryId} translates to no postings (translation table), so there is nothing to post.`);
      const state = deps.connector.deliversOnCommit ? 'delivered' : 'queued';
      const done = await deps.outbox.addPostings(deliveryId, drafts, state, { name: 'post-duplicate', actor, at: deps.clock.now() });
      if (!done) throw new BridgeError(409, `Event ${deliveryId} was already posted anyway.`);
      return drafts.length;
    },
  };
}

export type OperatorActions = ReturnType<typeof operatorActions>;
