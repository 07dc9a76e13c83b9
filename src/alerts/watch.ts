// Announces what nobody is watching, from the dispatcher's background runs (the Node loop, the
// Workers cron): a target's first retryable failure (a warning line) and its recovery (an info
// line), a target failing for ALERT_FAILING_MINUTES and its recovery (alerts), an integration
// that has delivered before and stays quiet for ALERT_QUIET_MINUTES within ALERT_QUIET_HOURS,
// and its return (alerts). Every line and notice is marked in the ledger once it is out, so it
// goes out once however many processes or runs look, and again only after a recovery.
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Source } from '../sources/source.js';
import type { Clock, Logger } from '../core/runtime.js';
import { windowStart } from '../core/working-hours.js';
import { integrationViews } from '../observability/watch-views.js';
import type { HealthStore, TargetHealth } from '../store/health-store.js';
import type { WatchAlerts } from './watch-alerts.js';

interface WatchParts {
  config: Pick<BridgeConfig, 'watch' | 'plantTimeZone'>;
  sources: readonly Source[];
  health: HealthStore;
  alerts: WatchAlerts;
  clock: Clock;
  logger: Logger;
}

const minutesSince = (since: number, now: number) => (now - since) / 60_000;

export function watch(parts: WatchParts): () => Promise<void> {
  const { config, sources, health, alerts, clock, logger } = parts;

  async function targets(now: number) {
    for (const h of await health.targetHealth()) {
      if (h.failingSince !== null) await failing(h, now);
      else await recovered(h);
    }
  }

  async function failing(h: TargetHealth, now: number) {
    const since = h.failingSince!;
    if (h.failureLoggedAt === null && (await health.markFailure(h.target, 'logged', now))) {
      logger.warn(`target ${h.target} is failing; its postings wait and are retried`, { target: h.target, failingSince: new Date(since).toISOString(), consecutiveFailures: h.consecutiveFailures, error: h.lastError });
    }
    if (h.failureAlertedAt === null && now - since >= config.watch.failingAfterMs && (await alerts.targetFailing(h, minutesSince(since, now)))) {
      await health.markFailure(h.target, 'alerted', now);
    }
  }

  async function recovered(h: TargetHealth) {
    // How long it failed: from the warning line (the failure's start is gone with the success).
    const back = h.lastSuccessAt ?? h.lastAttemptAt;
    const failedFor = minutesSince(h.failureLoggedAt ?? h.failureAlertedAt ?? back, back);
    if (h.failureLoggedAt !== null && (await health.clearFailure(h.target, 'logged'))) {
      logger.info(`target ${h.target} is taking postings again`, { target: h.target, lastSuccessAt: h.lastSuccessAt === null ? null : new Date(h.lastSuccessAt).toISOString() });
    }
    if (h.failureAlertedAt !== null && (await alerts.targetRecovered(h, failedFor))) await health.clearFailure(h.target, 'alerted');
  }

  async function lines(now: number) {
    const quietMs = config.watch.quietAfterMs;
    if (quietMs === null) return;
    // The same activity the overview and the summary show; quiet here counts working hours only.
    const activity = await integrationViews({ config, sources, health, clock });
    // Outside working hours nothing is quiet; inside, the quiet time counts from the window's start.
    const opened = config.watch.quietHours ? windowStart(config.watch.quietHours, now, config.plantTimeZone) : -Infinity;
    for (const a of activity) {
      if (a.lastReceivedAt === null) continue; // never delivered: not set up yet, not quiet
      const key = `quiet_alerted:${JSON.stringify([a.source, a.integration])}`;
      const mark = await health.readMark(key);
      const notice = { source: a.source, integration: a.integration, label: `${a.sourceLabel} ${a.label}`, lastReceivedAt: a.lastReceivedAt, quietMinutes: Math.round(quietMs / 60_000) };
      if (mark !== undefined) {
        if (a.lastReceivedAt > Number(mark) && (await alerts.lineBack(notice))) await health.writeMark(key, null);
        continue;
      }
      if (opened === undefined || now - Math.max(a.lastReceivedAt, opened) < quietMs) continue;
      if (await alerts.lineQuiet(notice)) await health.writeMark(key, String(a.lastReceivedAt));
    }
  }

  return async () => {
    const now = clock.now();
    await targets(now);
    await lines(now);
  };
}
