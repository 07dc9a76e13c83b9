// DELIVERY_MODE=sync: the MES is answered only after every target took the event's postings,
// so a rejection reaches the operator who can fix it. An outage or a slow ERP must not stop the
// floor: after the timeout the event stays queued (durable) and the answer is a success.
import { unprocessable, type DomainError, type DomainErrorKind } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import type { Lane } from '../store/outbox-store.js';

type SyncOutcome = { kind: 'delivered' } | { kind: 'pending' } | { kind: 'rejected'; error: DomainError };

export type SyncSendDeps = Pick<AppDeps, 'config' | 'dispatcher' | 'store' | 'outbox' | 'targets' | 'clock'> & {
  /** The status the rejection is answered with, recorded in the ledger (src/http/error-status.ts decides it). */
  statusOf(kind: DomainErrorKind): number;
};

const POLL_MS = 25;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendNow(deps: SyncSendDeps, deliveryId: string, lanes: Lane[]): Promise<SyncOutcome> {
  // Wall-clock time: this bounds how long Next Plus waits, whatever the app's clock says.
  const deadline = Date.now() + deps.config.dispatch.syncTimeoutMs;
  for (;;) {
    await deps.dispatcher.runOnce({ lanes, budgetMs: deps.config.dispatch.syncTimeoutMs });
    const mine = await deps.store.postingsOf(deliveryId);
    const failed = mine.find((p) => p.state === 'failed');
    if (failed) {
      const label = deps.targets.find((t) => t.name === failed.target)?.label ?? failed.target;
      return reject(deps, deliveryId, label, failed.messageType, failed.productionOrder, failed.lastError ?? '', mine.filter((p) => p.state === 'delivered').length);
    }
    if (mine.every((p) => p.state === 'delivered' || p.state === 'cancelled')) return { kind: 'delivered' };
    if (Date.now() >= deadline) return { kind: 'pending' };
    await sleep(Math.min(POLL_MS, deadline - Date.now()));
  }
}

async function reject(deps: SyncSendDeps, deliveryId: string, targetLabel: string, type: string, order: string, reason: string, delivered: number): Promise<SyncOutcome> {
  const at = deps.clock.now();
  // Nothing of a rejected event stays queued: it would hold the order for no one.
  for (const p of await deps.store.postingsOf(deliveryId)) {
    await deps.outbox.transition(p.id, ['failed', 'queued', 'held'], 'cancelled', { actor: 'bridge (sync send)', name: 'cancel', at });
  }
  const partly = delivered ? ` ${delivered} other message(s) of this event were already posted.` : '';
  const message = `${targetLabel} rejected the ${type} for production order ${order}: ${reason}. Nothing more was posted; correct it and send it again.${partly}`;
  const error = unprocessable(message);
  await deps.store.markRejected(deliveryId, deps.statusOf(error.kind), message);
  return { kind: 'rejected', error };
}
