// The polls of order sync, run with the dispatcher's background work (Node: its loop; Workers:
// the cron) under its lease: VIF's MO progress back to the ERP. Each feeds what it finds through
// the ingest pipeline as a source's delivery, so it is recorded, deduplicated and posted like
// any webhook. Nothing to do when ORDER_SYNC does not name vif.
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Clock, Logger } from '../core/runtime.js';
import { statusOf } from '../http/error-status.js';
import { receiveDelivery } from '../ingest/receive-delivery.js';
import type { LedgerStore } from '../store/ledger-store.js';
import type { Target } from '../targets/target.js';
import { VifClient } from '../targets/vif-mes/vif-client.js';
import type { VifSettings } from '../targets/vif-mes/vif-settings.js';
import type { Source, SourceIntegration } from './source.js';
import { vifPoller, type VifMoStore } from './vif/vif-poll.js';

interface PollParts {
  config: BridgeConfig;
  sources: readonly Source[];
  targets: readonly Target[];
  ledger: { store: LedgerStore; vifMos?: VifMoStore };
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
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
  const vifTarget = parts.config.targets.find((t) => t.definition.name === 'vif');
  const progress = parts.sources.find((s) => s.name === 'vif')?.integrations.find((i) => i.name === 'mo-progress');
  if (vifTarget && progress && parts.ledger.vifMos) {
    const settings = vifTarget.settings as VifSettings;
    const client = new VifClient(settings, { fetch: parts.fetch, now: () => parts.clock.now() });
    polls.push(vifPoller({ mos: parts.ledger.vifMos, client, ingest: feeder(parts, progress), clock: parts.clock, logger: parts.logger, everyMs: settings.pollSeconds * 1000 }));
  }
  return async () => {
    for (const poll of polls) {
      try {
        await poll();
      } catch (err) {
        parts.logger.error('an order-sync poll failed; it runs again with the next dispatcher run', { error: String(err) });
      }
    }
  };
}
