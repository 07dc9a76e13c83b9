// Each target's health and each integration's activity, as /readyz, the admin summary, the
// console and /metrics show them: the same values everywhere. Times are epoch milliseconds,
// like the rest of the admin API.
import type { AppDeps } from '../deps.js';
import type { Source } from '../sources/source.js';

export interface TargetHealthView {
  name: string;
  label: string;
  /** No retryable failure since the last success (a target never tried yet is healthy). */
  healthy: boolean;
  lastSuccessAt: number | null;
  failingSince: number | null;
  consecutiveFailures: number;
  lastError: string | null;
  /** When the next waiting posting to it is due again. */
  nextRetryAt: number | null;
}

export interface IntegrationView {
  source: string;
  integration: string;
  /** What the MES calls it, under its source: "Device/Serial", "Operation Completed". */
  label: string;
  /** "Next Plus", "GE Proficy" */
  sourceLabel: string;
  lastReceivedAt: number | null;
  lastHour: number;
  /** Delivered before and silent for longer than ALERT_QUIET_MINUTES (whatever the hour). */
  quiet: boolean;
}

export async function targetHealthViews(deps: Pick<AppDeps, 'targets' | 'health'>): Promise<TargetHealthView[]> {
  const rows = await deps.health.targetHealth();
  return deps.targets.map((t) => {
    const h = rows.find((r) => r.target === t.name);
    return {
      name: t.name,
      label: t.label,
      healthy: !h?.failingSince,
      lastSuccessAt: h?.lastSuccessAt ?? null,
      failingSince: h?.failingSince ?? null,
      consecutiveFailures: h?.consecutiveFailures ?? 0,
      lastError: h?.lastError ?? null,
      nextRetryAt: h?.failingSince ? h.nextRetryAt : null,
    };
  });
}

export async function integrationViews(
  deps: Pick<AppDeps, 'health' | 'clock'> & { sources: readonly Source[]; config: Pick<AppDeps['config'], 'watch'> },
): Promise<IntegrationView[]> {
  const now = deps.clock.now();
  const integrations = deps.sources.flatMap((s) => s.integrations.map((i) => ({ source: s.name, integration: i.name, label: i.shortLabel, sourceLabel: s.label })));
  const activity = await deps.health.activity(integrations, now - 3_600_000);
  const quietMs = deps.config.watch.quietAfterMs;
  return activity.map((a, i) => ({
    source: a.source,
    integration: a.integration,
    label: integrations[i]!.label,
    sourceLabel: integrations[i]!.sourceLabel,
    lastReceivedAt: a.lastReceivedAt,
    lastHour: a.lastHour,
    quiet: quietMs !== null && a.lastReceivedAt !== null && now - a.lastReceivedAt >= quietMs,
  }));
}
