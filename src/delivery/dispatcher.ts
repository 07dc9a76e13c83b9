// Delivers queued postings through the connector: per production order strictly in arrival
// order, different orders concurrently (bounded), transient failures retried with backoff for
// the horizon, permanent failures and an exhausted horizon marked failed (holding the order).
import type { ErpConnector, SendResult } from '../connectors/erp-connector.js';
import { noAlerts, type Alerts } from '../alerts/alerts.js';
import type { Clock, Logger } from '../deps.js';
import type { AttemptResult, OutboxStore, PostingRow } from '../store/outbox-store.js';
import { retryDelay, type RetryPolicy } from './backoff.js';

export interface DispatcherOptions extends RetryPolicy {
  concurrency: number;
  /** A posting 'sending' for longer than this was interrupted (a stop mid-send). */
  staleSendingMs: number;
}

export interface RunOptions {
  /** Only these production orders (sync delivery waits on its own event's orders). */
  orders?: string[];
  /** Stop starting new sends after this long (a Worker's cron run has limited time). */
  budgetMs?: number;
  /** Stop after this many sends: a Worker invocation may only make so many subrequests. */
  maxSends?: number;
}

const EXCERPT = 2000;

export class Dispatcher {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly connector: ErpConnector,
    private readonly clock: Clock,
    private readonly options: DispatcherOptions,
    private readonly logger: Logger,
    private readonly alerts: Alerts = noAlerts,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delivers everything that is due now; resolves when nothing due is left. Returns the count sent. */
  async runOnce(run: RunOptions = {}): Promise<number> {
    const started = this.clock.now();
    await this.outbox.requeueInterrupted(started - this.options.staleSendingMs, started);
    await this.outbox.labelHolds(started);
    // Held-order alerts are background work: a run scoped to some orders is a sync-mode request
    // waiting on its own event, which must not also query for and send other orders' notices.
    if (!run.orders) await this.alerts.checkHeld();
    let sent = 0;
    let tried = 0;
    for (;;) {
      if (run.budgetMs !== undefined && this.clock.now() - started > run.budgetMs) break;
      const room = run.maxSends === undefined ? this.options.concurrency : Math.min(this.options.concurrency, run.maxSends - tried);
      if (room <= 0) break;
      const heads = await this.outbox.dueHeads(this.clock.now(), room, run.orders);
      tried += heads.length;
      if (heads.length === 0) break;
      const results = await Promise.all(heads.map((p) => this.deliver(p)));
      sent += results.filter(Boolean).length;
    }
    return sent;
  }

  private async deliver(head: PostingRow): Promise<boolean> {
    const posting = await this.outbox.claim(head.id, this.clock.now());
    if (!posting) return false; // another dispatcher run took it
    const startedAt = this.clock.now();
    let result: SendResult;
    try {
      result = await this.connector.send(posting);
    } catch (err) {
      result = { outcome: 'transient', error: err instanceof Error ? err.message : String(err) };
    }
    const finishedAt = this.clock.now();
    const next = this.nextState(posting, result, finishedAt);
    await this.outbox.finishAttempt(
      {
        postingId: posting.id,
        startedAt,
        finishedAt,
        outcome: result.outcome,
        httpStatus: result.status,
        response: result.response?.slice(0, EXCERPT),
        error: 'error' in result ? result.error : undefined,
      },
      next,
    );
    if (next.state === 'failed') {
      this.logger.error('posting failed; its production order is held', {
        postingId: posting.id,
        productionOrder: posting.productionOrder,
        error: next.lastError,
      });
      await this.alerts.postingFailed(posting, next.lastError ?? 'failed');
    }
    return true;
  }

  private nextState(posting: PostingRow, result: SendResult, now: number): AttemptResult {
    if (result.outcome === 'delivered') return { state: 'delivered' };
    const reason = describeFailure(result);
    if (result.outcome === 'permanent') return { state: 'failed', lastError: reason };
    const delay = retryDelay(posting.attempts, this.options, this.random, result.retryAfterMs);
    const firstAttemptAt = posting.firstAttemptAt ?? now;
    if (now + delay - firstAttemptAt > this.options.retryHorizonMs) {
      const hours = Math.round((now - firstAttemptAt) / 360_000) / 10;
      return { state: 'failed', lastError: `gave up after ${posting.attempts} attempts over ${hours} h: ${reason}` };
    }
    return { state: 'queued', nextAttemptAt: now + delay, lastError: reason };
  }
}

function describeFailure(r: Exclude<SendResult, { outcome: 'delivered' }>): string {
  const parts = [r.status ? `HTTP ${r.status}` : undefined, r.error, r.response?.slice(0, 300)].filter(Boolean);
  return parts.join(': ') || 'unknown failure';
}
