// What happens between a delivery's commit and its answer, per DELIVERY_MODE: queued (the
// default) answers at once and asks the dispatcher to deliver soon (a Worker passes waitUntil,
// so the delivery outlives the answer); sync delivers the postings first, so a target's refusal
// reaches the operator instead of a success (src/outbox/sync-send.ts).
import type { DomainError } from '../core/domain-errors.js';
import { sendNow, type SyncSendDeps } from '../outbox/sync-send.js';
import type { IngestAnswer } from './ingest-payload.js';

interface AfterCommitDeps extends SyncSendDeps {
  /** Asks for delivery of newly committed postings soon. */
  notifyDispatcher(waitUntil?: (work: Promise<unknown>) => void): void;
}

/** Nothing when the delivery is to be answered with its success; the refusal to answer instead (sync mode, a target refused). */
export async function afterCommit(deps: AfterCommitDeps, taken: IngestAnswer, waitUntil?: (work: Promise<unknown>) => void): Promise<DomainError | undefined> {
  if (taken.queued.length === 0) return undefined;
  if (deps.config.dispatch.mode === 'queued') {
    deps.notifyDispatcher(waitUntil);
    return undefined;
  }
  const outcome = await sendNow(deps, taken.deliveryId, taken.queued);
  return outcome.kind === 'rejected' ? outcome.error : undefined;
}
