// What an operator can do to fix delivery, shared by the admin API and the console so both
// enforce the same rules and record the same who/when. Each throws a DomainError with the
// operator message when the action does not fit; the caller kicks the dispatcher.
import { conflict, invalid, notFound } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import { planRepost } from '../ingest/plan-postings.js';
import { orderReportedOn } from '../ingest/order-reported-on.js';
import type { PostingRow, PostingState } from '../store/outbox-store.js';
import { BULK_LIMIT, selectPostings, type BulkFilter, type Selection } from './bulk-selection.js';

export type PostingActionName = 'retry' | 'cancel' | 'requeue';
/** What can be done to many postings at once. */
export type BulkActionName = 'retry' | 'cancel';

const transitions: Record<PostingActionName, { from: PostingState[]; to: 'queued' | 'cancelled'; verb: string }> = {
  retry: { from: ['failed', 'queued', 'held'], to: 'queued', verb: 'retried' },
  cancel: { from: ['failed', 'queued', 'held'], to: 'cancelled', verb: 'cancelled' },
  requeue: { from: ['cancelled'], to: 'queued', verb: 're-queued' },
};

export function operatorActions(deps: Pick<AppDeps, 'clock' | 'config' | 'outbox' | 'queries' | 'sources' | 'store' | 'targets'>) {
  async function posting(id: number): Promise<PostingRow> {
    const found = await deps.outbox.getPosting(id);
    if (!found) throw notFound(`No posting ${id}.`);
    return found;
  }

  const actions = {
    /** Retry now, cancel, or re-queue one posting. */
    async apply(id: number, action: PostingActionName, actor: string): Promise<PostingRow> {
      const { from, to, verb } = transitions[action];
      const done = await deps.outbox.transition(id, from, to, { name: action, actor, at: deps.clock.now() });
      const after = await posting(id);
      if (!done) throw conflict(refusal(id, after.state, action) ?? `Posting ${id} is ${after.state}; only ${from.join(', ')} postings can be ${verb}.`);
      return after;
    },

    /** Replaces a failed posting's content after checking it the way its target would. */
    async edit(id: number, content: Record<string, unknown>, actor: string): Promise<PostingRow> {
      const before = await posting(id);
      const target = deps.targets.find((t) => t.name === before.target);
      if (!target) throw conflict(`Posting ${id} is for the ${before.target} target, which is not switched on (ERP_TARGETS), so it can't be checked or sent.`);
      const problems = target.check(before.messageType, content);
      if (problems.length) throw invalid(`The edited ${before.messageType} is not valid for ${target.label}: ${problems.join('; ')}.`);
      const done = await deps.outbox.editContent(id, JSON.stringify(content), { actor, at: deps.clock.now() });
      if (!done) throw conflict(`Posting ${id} is ${before.state}; only failed postings can be edited.`);
      return posting(id);
    },

    /** The postings a bulk action on `filter` would touch now (at most BULK_LIMIT, oldest first). */
    async bulkSelection(filter: BulkFilter, action: BulkActionName, limit = BULK_LIMIT): Promise<Selection> {
      return selectPostings(deps.queries, filter, bulkStates(filter, action), Math.min(limit, BULK_LIMIT));
    },

    /**
     * Retry or cancel every posting `filter` matches (failed ones unless it names a state), oldest
     * first, at most BULK_LIMIT: each posting moves under its own rule and gets its own operator
     * action, and a lane's held postings are released once it has no failed one left.
     */
    async applyMany(filter: BulkFilter, action: BulkActionName, actor: string, limit = BULK_LIMIT): Promise<{ count: number; more: boolean }> {
      const { items, more } = await actions.bulkSelection(filter, action, limit);
      const { from, to } = transitions[action];
      const count = await deps.outbox.transitionMany(items.map((p) => p.id), from, to, { name: action, actor, at: deps.clock.now() });
      return { count, more };
    },

    /** Retries every failed posting of one production order (at one target, or all), oldest first. */
    async retryOrder(order: string, actor: string, target?: string): Promise<number> {
      const { count: retried } = await actions.applyMany({ state: 'failed', productionOrder: order, target }, 'retry', actor);
      if (retried === 0) throw conflict(`Production order ${order} has no failed postings${target ? ` at ${target}` : ''} to retry.`);
      return retried;
    },

    /** Posts a delivery the bridge suppressed as a duplicate, as if it had been new. */
    async postDuplicateAnyway(deliveryId: string, actor: string): Promise<number> {
      const dup = await deps.store.getDelivery(deliveryId);
      if (!dup) throw notFound(`No event ${deliveryId}.`);
      if (dup.outcome !== 'duplicate' || !dup.event) throw conflict(`Event ${deliveryId} is ${dup.outcome}, not a suppressed duplicate.`);
      const integration = deps.sources.find((s) => s.name === dup.source)?.integrations.find((i) => i.name === dup.integration);
      if (!integration) throw conflict(`Event ${deliveryId} came from ${dup.source} ${dup.integration}, which is switched off (SOURCES).`);
      const at = deps.clock.now();
      const event = JSON.parse(dup.event) as unknown;
      const order = await orderReportedOn(deps, integration, integration.summarize(event));
      const drafts = planRepost({
        integration,
        event,
        order,
        deliveryId,
        eventType: dup.eventType ?? undefined,
        externalId: dup.externalId ?? '',
        receivedAt: dup.receivedAt,
        plantTimeZone: deps.config.plantTimeZone,
        targets: deps.targets,
      });
      if (drafts.length === 0) throw conflict(`Event ${deliveryId} translates to no postings (translation table), so there is nothing to post.`);
      const written = await deps.outbox.addPostings(deliveryId, drafts, { name: 'post-duplicate', actor, at });
      if (!written) throw conflict(`Event ${deliveryId} was already posted anyway.`);
      return written;
    },
  };
  return actions;
}

/** The states a bulk action picks from: the filter's (if the action applies to it), else failed. */
export function bulkStates(filter: BulkFilter, action: BulkActionName): PostingState[] {
  const { from } = transitions[action];
  if (!filter.state) return ['failed'];
  if (!from.includes(filter.state as PostingState)) throw invalid(`A ${action} applies to ${from.join(', ')} postings, not ${filter.state} ones: choose one of those states.`);
  return [filter.state as PostingState];
}

/** Why a retry changed nothing, where "only failed, queued, held" would not say it. */
function refusal(id: number, state: string, action: PostingActionName): string | undefined {
  if (action !== 'retry') return undefined;
  if (state === 'queued') return `Posting ${id} is already queued to be sent now; nothing to retry.`;
  if (state === 'sending') return `Posting ${id} is being sent right now; nothing to retry.`;
  return undefined;
}
