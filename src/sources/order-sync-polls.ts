// The polls of order sync, run with the dispatcher's background work (Node: its loop; Workers:
// the cron) under its lease: D365's catch-up poll of released orders, and VIF's MO progress back
// to the ERP. Each feeds what it finds through
// the ingest pipeline as a source's delivery, so it is recorded, deduplicated and posted like
// any webhook. Nothing to do when ORDER_SYNC does not name vif. Their outbound calls share one
// budget per run (ORDER_SYNC_POLL_BUDGET, poll-budget.ts): a Worker's cron run stays well inside
// its subrequest limit, and what is left carries on at the next run.
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Clock, Logger } from '../core/runtime.js';
import { statusOf } from '../http/error-status.js';
import { receiveDelivery } from '../ingest/receive-delivery.js';
import type { HealthStore } from '../store/health-store.js';
import type { LedgerStore } from '../store/ledger-store.js';
import { d365Tokens, type D365Settings } from '../targets/d365/d365-connector.js';
import { ODataOrders } from '../targets/d365-orders/odata-orders.js';
import type { Target } from '../targets/target.js';
import { VifClient } from '../targets/vif-mes/vif-client.js';
import type { VifSettings } from '../targets/vif-mes/vif-settings.js';
import { catchUpPoll } from './d365/catch-up-poll.js';
import type { D365SourceSettings } from './d365/d365-source-settings.js';
import type { OrderWatch } from './d365/withdrawn-sweep.js';
import { pollBudget } from './poll-budget.js';
import type { Source, SourceIntegration } from './source.js';
import { vifPoller, type VifMoStore } from './vif/vif-poll.js';

interface PollParts {
  config: BridgeConfig;
  sources: readonly Source[];
  targets: readonly Target[];
  ledger: { store: LedgerStore; health: HealthStore; vifMos?: VifMoStore; orderWatch?: OrderWatch };
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  /** The targets' shared things (D365's token cache). */
  shared<T>(key: string, make: () => T): T;
}

/** Feeds one payload to an integration as a delivery; throws when it was refused (not recorded as taken). */
export function feeder(parts: PollParts, integration: SourceIntegration) {
  const deps = { store: parts.ledger.store, targets: parts.targets, clock: parts.clock, config: parts.config, logger: parts.logger, statusOf: (kind: keyof typeof statusOf) => statusOf[kind] };
  return async (payload: unknown) => {
    const outcome = await receiveDelivery(deps, { integration, body: JSON.stringify(payload), test: false });
    if (outcome.outcome === 'refused') throw outcome.error;
  };
}

export function orderSyncPolls(parts: PollParts): () => Promise<void> {
  const polls: (() => Promise<void>)[] = [];
  const reader = parts.config.targets.find((t) => t.definition.name === 'd365-orders');
  const d365 = parts.config.sources.find((s) => s.definition.name === 'd365');
  const events = parts.sources.find((s) => s.name === 'd365')?.integrations.find((i) => i.name === 'business-events');
  const budget = pollBudget((d365?.settings as D365SourceSettings | undefined)?.pollBudget ?? 200, parts.fetch);
  if (reader && d365 && events) {
    const connection = reader.settings as D365Settings;
    const settings = d365.settings as D365SourceSettings;
    const caller = { fetch: budget.fetch, timeoutMs: connection.timeoutMs, now: () => parts.clock.now(), system: 'D365 OData', urlSetting: 'D365_URL' };
    const odata = new ODataOrders(connection.url, settings.company, d365Tokens(connection, { clock: parts.clock, fetch: budget.fetch, shared: parts.shared }), caller);
    polls.push(catchUpPoll({ settings, odata, watch: parts.ledger.orderWatch, marks: parts.ledger.health, ingest: feeder(parts, events), budget, clock: parts.clock, logger: parts.logger }));
  }
  const vifTarget = parts.config.targets.find((t) => t.definition.name === 'vif');
  const progress = parts.sources.find((s) => s.name === 'vif')?.integrations.find((i) => i.name === 'mo-progress');
  if (vifTarget && progress && parts.ledger.vifMos) {
    const settings = vifTarget.settings as VifSettings;
    const client = new VifClient(settings, { fetch: budget.fetch, now: () => parts.clock.now() });
    polls.push(vifPoller({ mos: parts.ledger.vifMos, client, ingest: feeder(parts, progress), budget, clock: parts.clock, logger: parts.logger, everyMs: settings.pollSeconds * 1000 }));
  }
  return async () => {
    budget.renew();
    for (const poll of polls) {
      try {
        await poll();
      } catch (err) {
        parts.logger.error('an order-sync poll failed; it runs again with the next dispatcher run', { error: String(err) });
      }
    }
  };
}
