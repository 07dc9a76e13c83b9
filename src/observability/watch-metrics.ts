// /metrics for what is announced: each target's health (for an alert rule on a failing ERP) and
// each integration's deliveries in the last hour (with bridge_last_delivery_age_seconds, for a
// rule on a quiet line). docs/prometheus-alerts.yml uses them.
import type { IntegrationView, TargetHealthView } from './watch-views.js';

interface Metric {
  name: string;
  help: string;
  type: 'gauge';
  values: { labels: Record<string, string>; value: number }[];
}

export function watchMetrics(targets: TargetHealthView[], integrations: IntegrationView[], now: number): Metric[] {
  const perTarget = (f: (t: TargetHealthView) => number) => targets.map((t) => ({ labels: { target: t.name }, value: f(t) }));
  return [
    { name: 'bridge_target_healthy', help: 'Whether a target took its last posting or has not failed retryably since (1) or is failing (0).', type: 'gauge', values: perTarget((t) => (t.healthy ? 1 : 0)) },
    {
      name: 'bridge_target_failing_seconds',
      help: 'How long a target has failed retryably without a success in between (0: healthy).',
      type: 'gauge',
      values: perTarget((t) => (t.failingSince === null ? 0 : Math.max(0, (now - t.failingSince) / 1000))),
    },
    { name: 'bridge_target_consecutive_failures', help: 'Retryable failures of a target since its last success.', type: 'gauge', values: perTarget((t) => t.consecutiveFailures) },
    {
      name: 'bridge_target_last_success_timestamp_seconds',
      help: 'When a target last took a posting (Unix time; absent: never).',
      type: 'gauge',
      values: targets.filter((t) => t.lastSuccessAt !== null).map((t) => ({ labels: { target: t.name }, value: t.lastSuccessAt! / 1000 })),
    },
    {
      name: 'bridge_deliveries_last_hour',
      help: 'Deliveries received in the last hour, by source and integration (every outcome).',
      type: 'gauge',
      values: integrations.map((i) => ({ labels: { source: i.source, integration: i.integration }, value: i.lastHour })),
    },
  ];
}
