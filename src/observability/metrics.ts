// /metrics in Prometheus text format, the same on Node and Workers: every value is read from the
// ledger at scrape time (counters the ledger keeps in step with what they count, and a few
// indexed gauges), and formatted by prom-client's Registry. Node adds its process metrics.
import Registry from 'prom-client/lib/registry.js';
import type { AppDeps } from '../deps.js';
import type { MetricsSnapshot } from '../store/ledger-queries.js';
import { LATENCY_BUCKETS_SECONDS } from '../store/send-latency.js';
import { watchMetrics } from './watch-metrics.js';
import { integrationViews, targetHealthViews } from './watch-views.js';

type Labels = Record<string, string>;
interface Value {
  labels: Labels;
  value: number;
  metricName?: string;
}
interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  values: Value[];
}

/** "k=v,k=v" back into labels. */
const labelsOf = (text: string): Labels => Object.fromEntries(text.split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));

function counter(s: MetricsSnapshot, stored: string, name: string, help: string): Metric {
  const values = s.counters.filter((c) => c.name === stored).map((c) => ({ labels: labelsOf(c.labels), value: c.value }));
  return { name, help, type: 'counter', values };
}

/** Per target, the buckets kept one by one become Prometheus's cumulative ones. */
function sendDuration(s: MetricsSnapshot, targets: string[]): Metric {
  const name = 'bridge_send_duration_seconds';
  const values: Value[] = [];
  for (const target of targets) {
    const counts = new Map<string, number>();
    for (const c of s.counters.filter((c) => c.name === 'send_duration_bucket')) {
      const l = labelsOf(c.labels);
      if (l.target === target) counts.set(l.le!, c.value);
    }
    let cumulative = 0;
    for (const le of [...LATENCY_BUCKETS_SECONDS.map(String), '+Inf']) {
      cumulative += counts.get(le) ?? 0;
      values.push({ metricName: `${name}_bucket`, labels: { target, le }, value: cumulative });
    }
    const sumMs = s.counters.find((c) => c.name === 'send_duration_ms_sum' && labelsOf(c.labels).target === target)?.value ?? 0;
    values.push({ metricName: `${name}_sum`, labels: { target }, value: sumMs / 1000 }, { metricName: `${name}_count`, labels: { target }, value: cumulative });
  }
  return { name, help: 'How long one send to a target took (attempts of every outcome).', type: 'histogram', values };
}

function metricsFromSnapshot(s: MetricsSnapshot, ctx: { now: number; targets: string[]; sources: string[]; version: string }): Metric[] {
  const perTarget = (f: (t: string) => number) => ctx.targets.map((target) => ({ labels: { target }, value: f(target) }));
  const oldest = (t: string) => s.oldestWaiting.find((o) => o.target === t)?.createdAt;
  return [
    { name: 'bridge_info', help: 'This bridge: its version, sources and targets.', type: 'gauge', values: [{ labels: { version: ctx.version, sources: ctx.sources.join(','), targets: ctx.targets.join(',') }, value: 1 }] },
    counter(s, 'deliveries_received', 'bridge_deliveries_received_total', 'Deliveries received from the MES, by source, integration and outcome (accepted, test, duplicate, rejected).'),
    {
      name: 'bridge_postings',
      help: 'Postings waiting, by target and state (queued, sending, failed, held).',
      type: 'gauge',
      values: ctx.targets.flatMap((target) =>
        ['queued', 'sending', 'failed', 'held'].map((state) => ({ labels: { target, state }, value: s.waiting.find((w) => w.target === target && w.state === state)?.n ?? 0 })),
      ),
    },
    counter(s, 'postings_delivered', 'bridge_postings_delivered_total', 'Postings a target accepted (the journal: recorded), by target.'),
    counter(s, 'erp_verdicts', 'bridge_erp_verdicts_total', "The ERP's verdicts read back on delivered postings (D365's message processor), by target and result (processed, failed, unmatched)."),
    counter(s, 'delivery_attempts', 'bridge_delivery_attempts_total', 'Attempts to send a posting, by target and result (delivered, transient, permanent).'),
    sendDuration(s, ctx.targets),
    {
      name: 'bridge_oldest_waiting_posting_age_seconds',
      help: 'Age of the oldest posting not yet delivered or cancelled, by target (0: none waiting).',
      type: 'gauge',
      values: perTarget((t) => (oldest(t) === undefined ? 0 : Math.max(0, (ctx.now - oldest(t)!) / 1000))),
    },
    {
      name: 'bridge_held_production_orders',
      help: 'Production orders stopped at a target by a failed posting, by target.',
      type: 'gauge',
      values: perTarget((t) => s.heldLanes.find((h) => h.target === t)?.n ?? 0),
    },
    {
      name: 'bridge_last_delivery_age_seconds',
      help: 'Time since the last delivery of each integration (absent: none yet).',
      type: 'gauge',
      values: s.lastDelivery.map((l) => ({ labels: { source: l.source, integration: l.integration }, value: Math.max(0, (ctx.now - l.at) / 1000) })),
    },
  ];
}

/** Kept equal to package.json's version (test/node/openapi.test.ts checks). */
export const VERSION = '0.2.0';

/** The Prometheus text for this bridge. */
export async function renderMetrics(deps: Pick<AppDeps, 'clock' | 'config' | 'health' | 'queries' | 'runtimeMetrics' | 'sources' | 'targets'>): Promise<{ text: string; contentType: string }> {
  const integrations = deps.sources.flatMap((s) => s.integrations.map((i) => ({ source: s.name, integration: i.name })));
  const snapshot = await deps.queries.metrics(integrations);
  const registry = new Registry();
  const ctx = { now: deps.clock.now(), targets: deps.targets.map((t) => t.name), sources: deps.sources.map((s) => s.name), version: VERSION };
  const watched = watchMetrics(await targetHealthViews(deps), await integrationViews(deps), ctx.now);
  for (const m of [...metricsFromSnapshot(snapshot, ctx), ...watched]) {
    registry.registerMetric({ name: m.name, help: m.help, type: m.type, aggregator: 'sum', get: async () => ({ ...m, aggregator: 'sum' }) } as never);
  }
  const own = await registry.metrics();
  const runtime = deps.runtimeMetrics ? await deps.runtimeMetrics() : '';
  return { text: runtime ? `${own}\n${runtime}` : own, contentType: Registry.PROMETHEUS_CONTENT_TYPE };
}
