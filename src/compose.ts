// Builds the runtime-independent half of AppDeps — the sources and the connected targets, both
// from the settings config parsed; the dispatcher, alerts, the wrong-token limit — from what a
// runtime provides (config, ledger, clock, fetch, how to tell a client's address). node.ts, worker.ts and the test harnesses all wire the bridge this way.
import type { Context } from 'hono';
import { noAlerts, webhookAlerts } from './alerts/alerts.js';
import { watch } from './alerts/watch.js';
import type { BridgeConfig } from './config/bridge-config.js';
import type { AppDeps } from './deps.js';
import type { Clock, DispatcherHealth, Logger } from './core/runtime.js';
import { Dispatcher } from './outbox/dispatcher.js';
import { authFailureLimiter } from './http/auth-failures.js';
import { bytesInFlight } from './http/bytes-in-flight.js';
import { forwardedFor } from './http/forwarded-for.js';
import type { LedgerQueries } from './store/ledger-queries.js';
import type { HealthStore } from './store/health-store.js';
import type { LedgerStore } from './store/ledger-store.js';
import type { OutboxStore } from './store/outbox-store.js';
import type { RetentionStore } from './store/retention-store.js';
import { housekeeping } from './retention/housekeeping.js';
import { buildSource } from './sources/build-source.js';
import type { Target } from './targets/target.js';
import { orderSyncPolls } from './sources/order-sync-polls.js';
import type { VifMoStore } from './sources/vif/vif-poll.js';
import type { OrderWatch } from './sources/d365/withdrawn-sweep.js';

interface RuntimeParts {
  config: BridgeConfig;
  ingestToken: string;
  adminToken: string;
  metricsToken?: string;
  ledger: { store: LedgerStore; outbox: OutboxStore; queries: LedgerQueries; retention: RetentionStore; health: HealthStore; vifMos?: VifMoStore; orderWatch?: OrderWatch };
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  /** Replaces the connected targets (tests). */
  targets?: Target[];
  /** This process's dispatcher lease owner (Node); Workers leave it out: each run holds its own. */
  dispatcherOwner?: string;
  dispatcherHealth?: () => Promise<DispatcherHealth>;
  clientAddress?: (c: Context) => string;
  runtimeMetrics?: () => Promise<string>;
}

export function composeDeps(parts: RuntimeParts): AppDeps {
  const { config, clock, logger } = parts;
  const fetchFn = parts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sources = config.sources.map(({ definition, settings }) => buildSource(definition, settings));
  // One of each shared thing (D365's token cache) for all the targets of this bridge.
  const sharedThings = new Map<string, unknown>();
  const shared = <T>(key: string, make: () => T): T => (sharedThings.has(key) ? (sharedThings.get(key) as T) : (sharedThings.set(key, make()), sharedThings.get(key) as T));
  const knownOrder = (productionOrder: string) => parts.ledger.store.findKnownOrder({ productionOrder });
  const targets =
    parts.targets ?? config.targets.map(({ definition: d, settings }) => ({ name: d.name, label: d.label, ...d.create(settings, { clock, fetch: fetchFn, logger, shared, knownOrder }) }));
  const alerts = config.alerts
    ? webhookAlerts({ ...config.alerts, publicUrl: config.publicUrl }, parts.ledger.outbox, clock, logger, fetchFn)
    : noAlerts;
  const announce = watch({ config, sources, health: parts.ledger.health, alerts, clock, logger });
  const purge = housekeeping(parts.ledger.retention, config.retentionMs, clock, logger);
  const polls = orderSyncPolls({ config, sources, targets, ledger: parts.ledger, clock, logger, fetch: fetchFn, shared });
  const dispatcher = new Dispatcher(
    parts.ledger.outbox,
    targets,
    clock,
    {
      concurrency: config.dispatch.concurrency,
      concurrencyPerTarget: config.dispatch.concurrencyPerTarget,
      retryBaseMs: config.dispatch.retryBaseMs,
      retryMaxMs: config.dispatch.retryMaxMs,
      retryHorizonMs: config.dispatch.retryHorizonMs,
      owner: parts.dispatcherOwner,
      background: async () => {
        await alerts.checkHeld();
        await alerts.checkErpVerdicts();
        await announce();
        await purge();
        await polls();
      },
    },
    logger,
    alerts,
  );
  return {
    config,
    ingestToken: parts.ingestToken,
    adminToken: parts.adminToken,
    metricsToken: parts.metricsToken,
    store: parts.ledger.store,
    outbox: parts.ledger.outbox,
    queries: parts.ledger.queries,
    sources,
    health: parts.ledger.health,
    targets,
    dispatcher,
    clock,
    logger,
    authFailures: authFailureLimiter(config.authFailuresPerMinute, logger),
    bytesInFlight: bytesInFlight(config.maxBytesInFlight),
    clientAddress: parts.clientAddress ?? ((c) => forwardedFor(c, config.trustProxy) ?? 'unknown'),
    dispatcherHealth: parts.dispatcherHealth ?? (async () => ({ alive: true, detail: 'runs on demand' })),
    runtimeMetrics: parts.runtimeMetrics,
    // The default suits a Worker: deliver in the background of this request.
    notifyDispatcher: (waitUntil) => waitUntil?.(dispatcher.runOnce({ budgetMs: 20_000, maxSends: config.dispatch.maxSendsPerRun, background: false })),
  };
}
