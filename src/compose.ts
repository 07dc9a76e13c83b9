// Builds the runtime-independent half of AppDeps (connector, dispatcher) from what a runtime
// provides (config, ledger, clock, fetch). node.ts, worker.ts and the test harnesses use it,
// so all of them wire the bridge the same way.
import { noAlerts, webhookAlerts } from './alerts/alerts.js';
import type { BridgeConfig } from './config/bridge-config.js';
import { d365Connector } from './connectors/d365/d365-connector.js';
import type { ErpConnector } from './connectors/erp-connector.js';
import { journalConnector } from './connectors/journal-connector.js';
import type { AppDeps, Clock, Logger } from './deps.js';
import { Dispatcher } from './delivery/dispatcher.js';
import type { LedgerQueries } from './store/drizzle-queries.js';
import type { LedgerStore } from './store/ledger-store.js';
import type { OutboxStore } from './store/outbox-store.js';

export interface RuntimeParts {
  config: BridgeConfig;
  ingestToken: string;
  adminToken: string;
  ledger: { store: LedgerStore; outbox: OutboxStore; queries: LedgerQueries };
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  /** Overrides the connector the config names (tests). */
  connector?: ErpConnector;
}

export function composeDeps(parts: RuntimeParts): AppDeps {
  const { config, clock, logger } = parts;
  const connector =
    parts.connector ?? (config.erpConnector === 'd365' && config.d365 ? d365Connector(config.d365, clock, parts.fetch) : journalConnector());
  const alerts = config.alerts
    ? webhookAlerts({ ...config.alerts, publicUrl: config.publicUrl }, parts.ledger.outbox, clock, logger, parts.fetch)
    : noAlerts;
  const dispatcher = new Dispatcher(
    parts.ledger.outbox,
    connector,
    clock,
    {
      concurrency: config.delivery.concurrency,
      retryBaseMs: config.delivery.retryBaseMs,
      retryMaxMs: config.delivery.retryMaxMs,
      retryHorizonMs: config.delivery.retryHorizonMs,
      // A send can't take longer than the ERP timeout; twice that and it was interrupted.
      staleSendingMs: 2 * (config.d365?.timeoutMs ?? 30_000),
    },
    logger,
    alerts,
  );
  return {
    config,
    ingestToken: parts.ingestToken,
    adminToken: parts.adminToken,
    store: parts.ledger.store,
    outbox: parts.ledger.outbox,
    queries: parts.ledger.queries,
    connector,
    dispatcher,
    clock,
    logger,
    // The default suits a Worker: deliver in the background of this request.
    notifyDispatcher: (waitUntil) =>
      waitUntil?.(dispatcher.runOnce({ budgetMs: 20_000, maxSends: config.delivery.maxSendsPerRun })),
  };
}
