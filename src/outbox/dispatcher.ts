// Delivers queued postings through their target's connector: per lane (target, production
// order) strictly in arrival order, different lanes concurrently (a pool of slots, bounded in
// all and per target, so one hung ERP never slows another), transient failures
// retried with backoff for the horizon, permanent failures and an exhausted horizon marked
// failed (holding that lane only). Every send is claimed under a lease, so several dispatchers
// (waitUntils and crons on Workers, processes on a shared database) never send one posting twice,
// and only postings whose claimer is gone are taken back.
import { nanoid } from 'nanoid';
import { noAlerts, type Alerts } from '../alerts/alerts.js';
import { defined } from '../core/canonical-events.js';
import type { OrderFacts } from '../core/known-order.js';
import type { Clock, Logger } from '../core/runtime.js';
import { postingsForEvents } from '../ingest/plan-postings.js';
import type { PostingDraft } from '../store/ledger-store.js';
import type { AttemptResult, Lane, OutboxStore, PostingRow } from '../store/outbox-store.js';
import type { SendResult } from '../targets/connector.js';
import type { Target } from '../targets/target.js';
import { retryDelay, type RetryPolicy } from './backoff.js';
import { ResultWriter } from './result-writer.js';
import { SendPool } from './send-pool.js';
import { UnrecordedResults } from './unrecorded-results.js';

interface DispatcherOptions extends RetryPolicy {
  concurrency: number;
  /** Sends to one target at once at most; default: all slots but one per other sending target. */
  concurrencyPerTarget?: number;
  /** This process's lease owner, kept alive by its loop (Node). Without one, every run holds a lease of its own (Workers). */
  owner?: string;
  /** Work for background runs only (held-order alerts, retention), never a sync request's run. */
  background?: () => Promise<void>;
}

interface RunOptions {
  /** Only these lanes (a sync send waits on its own event's postings). */
  lanes?: Lane[];
  /** Stop starting new sends after this long (a Worker's run has limited time). */
  budgetMs?: number;
  /** Stop after this many sends: a Worker invocation may only make so many subrequests. */
  maxSends?: number;
  /**
   * Whether this run also does the background work (alerts, retention, polls). A run kicked by
   * a new commit skips it: under load that is a run per group of deliveries, and the background
   * queries read the ledger's history. The interval (Node) and the cron (Workers) do it.
   */
  background?: boolean;
}

const EXCERPT = 2000;
/** A run's lease when it has no budget of its own. */
const DEFAULT_RUN_MS = 60_000;

export class Dispatcher {
  private readonly targets: Map<string, Target>;
  private readonly sendTimeoutMs: number;
  private readonly perTarget: number;
  private readonly unrecorded: UnrecordedResults;
  private readonly results: ResultWriter;
  private stopping = false;

  constructor(
    private readonly outbox: OutboxStore,
    targets: readonly Target[],
    private readonly clock: Clock,
    private readonly options: DispatcherOptions,
    private readonly logger: Logger,
    private readonly alerts: Alerts = noAlerts,
    private readonly random: () => number = Math.random,
  ) {
    this.targets = new Map(targets.map((t) => [t.name, t]));
    this.sendTimeoutMs = Math.max(1_000, ...targets.map((t) => t.connector.timeoutMs));
    // The journal records on commit and never takes a slot; every other target leaves one slot
    // for each of the others, so a hung one can't hold them all.
    const sending = targets.filter((t) => !t.connector.deliversOnCommit).length;
    this.perTarget = options.concurrencyPerTarget ?? Math.max(1, options.concurrency - Math.max(0, sending - 1));
    this.unrecorded = new UnrecordedResults(outbox, clock, logger);
    this.results = new ResultWriter(outbox);
  }

  /** Send results the ledger has not taken yet (written again until it does): /readyz reports them. */
  get unrecordedResults(): number {
    return this.unrecorded.count;
  }

  /**
   * From now on no new send starts; sends already on their way finish and are recorded. A stop
   * (SIGTERM) waits for those, so nothing is left 'sending' to be sent again at the next start.
   */
  stop(): void {
    this.stopping = true;
  }

  /** The longest one send may take: how long a graceful stop may have to wait. */
  get longestSendMs(): number {
    return this.sendTimeoutMs;
  }

  /** Delivers everything that is due now; resolves when nothing due is left. Returns the count sent. */
  async runOnce(run: RunOptions = {}): Promise<number> {
    const started = this.clock.now();
    // Results kept from earlier sends go first; while the ledger does not take them, nothing
    // new is sent (its result could not be recorded either).
    await this.unrecorded.flush();
    if (this.unrecorded.count) return 0;
    const owner = this.options.owner ?? (await this.takeRunLease(started, run.budgetMs));
    try {
      const orphans = await this.outbox.requeueOrphaned(started);
      if (orphans) this.logger.warn('took back postings whose sender stopped mid-send', { postings: orphans });
      await this.outbox.labelHolds(started);
      // A run scoped to some lanes is a sync-mode request waiting on its own event: it must not
      // also send other orders' notices or purge history.
      if (!run.lanes && run.background !== false) await this.options.background?.();
      return await this.deliverDue(run, started, owner);
    } finally {
      if (!this.options.owner) await this.endRunLease(owner);
    }
  }

  /** What a stop leaves unrecorded (sent again at the next start); empty when all was written. */
  async finishUnrecorded(): Promise<{ postingId: number; target: string; outcome: string }[]> {
    await this.unrecorded.flush(true);
    return this.unrecorded.describe();
  }

  /**
   * Keeps every slot busy: whenever a send finishes, its slot takes the next due head (of a
   * lane not in flight, of a target with room), so a slow send delays no other lane.
   */
  private async deliverDue(run: RunOptions, started: number, owner: string): Promise<number> {
    const pool = new SendPool(this.options.concurrency, this.perTarget);
    let sent = 0;
    let begun = 0;
    let failure: { err: unknown } | undefined;
    const mayStart = () =>
      !failure &&
      !this.stopping &&
      !this.unrecorded.count &&
      (run.budgetMs === undefined || this.clock.now() - started <= run.budgetMs) &&
      (run.maxSends === undefined || begun < run.maxSends);
    // Looking for due heads reads every unfinished posting's lane, so a busy pool refills in
    // steps (a quarter of its slots free) rather than after every send; a target that had work
    // and now has nothing in flight refills at once, so a hung target never starves another.
    const refillAt = Math.max(1, Math.floor(this.options.concurrency / 4));
    let hadWork = new Set<string>();
    const worthRefill = (targets: string[]) => pool.size === 0 || pool.free >= refillAt || targets.some((t) => hadWork.has(t) && pool.countFor(t) === 0);
    for (;;) {
      const targets = [...this.targets.keys()].filter((t) => pool.hasRoomFor(t));
      if (mayStart() && targets.length && worthRefill(targets)) {
        const room = Math.min(pool.free, run.maxSends === undefined ? pool.free : run.maxSends - begun);
        try {
          // In-flight heads not yet claimed are still 'queued': ask for enough to skip them.
          const heads = await this.outbox.dueHeads(this.clock.now(), room + pool.size, { lanes: run.lanes, targets });
          hadWork = new Set(heads.map((h) => h.target));
          // The heads this refill starts are claimed in one write; each send waits for it.
          const picked: number[] = [];
          let claimed: (rows: Map<number, PostingRow>) => void = () => {};
          const claims = new Promise<Map<number, PostingRow>>((resolve) => (claimed = resolve));
          for (const head of heads) {
            if (!mayStart() || !pool.accepts(head)) continue;
            begun++;
            picked.push(head.id);
            const send = this.deliver(head, claims, owner).then(
              (done) => void (done && sent++),
              (err) => void (failure ??= { err }),
            );
            pool.start(head, send);
          }
          try {
            claimed(new Map((await this.outbox.claimMany(picked, this.clock.now(), owner)).map((p) => [p.id, p])));
          } catch (err) {
            claimed(new Map());
            throw err;
          }
        } catch (err) {
          failure ??= { err };
        }
      }
      if (pool.size === 0) break;
      await pool.next();
    }
    if (failure) throw failure.err;
    return sent;
  }

  /** A Worker run ends its lease, unless results of its sends are still unrecorded: then their claims must stand until they lapse. */
  private async endRunLease(owner: string): Promise<void> {
    if (this.unrecorded.heldBy(owner)) await this.unrecorded.flush(true);
    if (!this.unrecorded.heldBy(owner)) await this.outbox.releaseLease(owner);
  }

  /** A Worker run's own lease: it outlives the run's budget plus a send in flight, then lapses. */
  private async takeRunLease(now: number, budgetMs = DEFAULT_RUN_MS): Promise<string> {
    const owner = `run-${nanoid(12)}`;
    await this.outbox.holdLease({ owner, kind: 'worker', host: 'worker', pid: null, startedAt: now, expiresAt: now + budgetMs + 2 * this.sendTimeoutMs }, now);
    return owner;
  }

  private async deliver(head: PostingRow, claims: Promise<Map<number, PostingRow>>, owner: string): Promise<boolean> {
    const target = this.targets.get(head.target)!;
    const posting = (await claims).get(head.id);
    if (!posting) return false; // another dispatcher took it
    const startedAt = this.clock.now();
    let result: SendResult;
    try {
      result = await target.connector.send(posting);
    } catch (err) {
      result = { outcome: 'transient', error: err instanceof Error ? err.message : String(err) };
    }
    const finishedAt = this.clock.now();
    const followUps = this.planFollowUps(posting, result);
    if (followUps instanceof Error) result = { outcome: 'permanent', error: `what the send returned can't be posted: ${followUps.message}` };
    const next = this.nextState(posting, result, finishedAt);
    const attempt = {
      postingId: posting.id,
      target: posting.target,
      owner,
      startedAt,
      finishedAt,
      outcome: result.outcome,
      httpStatus: result.status,
      response: result.response?.slice(0, EXCERPT),
      error: 'error' in result ? result.error : undefined,
    };
    const extra = followUps instanceof Error ? {} : { followUps, facts: orderFacts(result) };
    try {
      await this.results.write({ attempt, result: next, ...extra });
    } catch (err) {
      this.unrecorded.keep(attempt, next, err, extra);
      return result.outcome === 'delivered';
    }
    if (next.state === 'failed') {
      this.logger.error('posting failed; its production order is held at this target', {
        postingId: posting.id,
        target: posting.target,
        productionOrder: posting.productionOrder,
        error: next.lastError,
      });
      await this.alerts.postingFailed(posting, next.lastError ?? 'failed');
    }
    return true;
  }

  /** The postings for the follow-up events a delivered send returned (the order reader's order-issued). */
  private planFollowUps(posting: PostingRow, result: SendResult): PostingDraft[] | Error | undefined {
    if (result.outcome !== 'delivered' || !result.followUps) return undefined;
    try {
      const { events, origin } = result.followUps;
      return postingsForEvents([...this.targets.values()], events, { ...origin, deliveryId: posting.deliveryId });
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
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

/** What a delivered send teaches the loop: the routes of orders it read, the MES order it made. */
function orderFacts(result: SendResult): OrderFacts | undefined {
  if (result.outcome !== 'delivered') return undefined;
  const routes = (result.followUps?.events ?? []).flatMap((e) =>
    e.kind === 'order-issued' ? [{ productionOrder: e.productionOrder, route: e.routeOperations.map(({ operationNumber, operationId, resource }) => defined({ operationNumber, operationId, resource })) }] : [],
  );
  if (!routes.length && !result.mesOrder) return undefined;
  return { routes, mesOrder: result.mesOrder };
}

function describeFailure(r: Exclude<SendResult, { outcome: 'delivered' }>): string {
  const parts = [r.status ? `HTTP ${r.status}` : undefined, r.error, r.response?.slice(0, 300)].filter(Boolean);
  return parts.join(': ') || 'unknown failure';
}
