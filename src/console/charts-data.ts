// The overview's charts, from the ledger: deliveries per minute by outcome (the last hour by
// minute, the last 24 h in 10-minute buckets), postings per target, send latency p50/p95 and
// the oldest waiting posting per target. Plain numbers here; pages/charts-panel.tsx draws them.
import type { AppDeps } from '../deps.js';
import type { LatencyPercentiles } from '../store/activity-queries.js';
import type { Summary } from '../store/ledger-queries.js';
import { LATENCY_BUCKETS_SECONDS } from '../store/send-latency.js';

export const OUTCOMES = ['accepted', 'duplicate', 'test', 'rejected'] as const;
const MINUTE = 60_000;
/** The 24 h chart's bucket: 144 bars fit a laptop's width; 1,440 would be hairlines. */
export const DAY_BUCKET_MINUTES = 10;

export interface Bucket {
  /** Start of the bucket, epoch ms. */
  start: number;
  counts: Record<string, number>;
}

export interface TargetBar {
  target: string;
  label: string;
  /** Delivered and cancelled: the last 24 h; the waiting states: all of them. */
  counts: Record<string, number>;
  oldestWaitingSince: number | null;
  latencyHour?: LatencyPercentiles;
  /** Since the ledger began, from its histogram: the bucket (`le`, seconds) each percentile falls in. */
  latencyEver?: { sends: number; p50: string; p95: string };
}

export interface ChartsData {
  now: number;
  hour: Bucket[];
  day: Bucket[];
  targets: TargetBar[];
}

/**
 * `count` buckets of `size` minutes, the last one holding the current minute, filled from
 * per-minute rows; minutes outside the window are left out.
 */
export function bucketize(rows: { minute: number; outcome: string; n: number }[], nowMinute: number, size: number, count: number): Bucket[] {
  const last = Math.floor(nowMinute / size);
  const first = last - count + 1;
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({ start: (first + i) * size * MINUTE, counts: {} }));
  for (const r of rows) {
    const i = Math.floor(r.minute / size) - first;
    if (i < 0 || i >= count) continue;
    const counts = buckets[i]!.counts;
    counts[r.outcome] = (counts[r.outcome] ?? 0) + r.n;
  }
  return buckets;
}

/** p50 and p95 of a histogram, by the same nearest rank: the bucket the ceil(p·n)-th send falls in. */
export function fromHistogram(rows: { le: string; n: number }[]): ChartsData['targets'][number]['latencyEver'] {
  const order = [...LATENCY_BUCKETS_SECONDS.map(String), '+Inf'];
  const counts = order.map((le) => rows.filter((r) => r.le === le).reduce((sum, r) => sum + r.n, 0));
  const sends = counts.reduce((a, b) => a + b, 0);
  if (!sends) return undefined;
  const at = (p: number) => {
    const rank = Math.floor((sends * p + 99) / 100);
    let seen = 0;
    return order.find((_, i) => (seen += counts[i]!) >= rank)!;
  };
  return { sends, p50: at(50), p95: at(95) };
}

/** The first minute the 24 h chart shows: the start of its first 10-minute bucket. */
export const dayFrom = (now: number) => (Math.floor(now / MINUTE / DAY_BUCKET_MINUTES) - (24 * 60) / DAY_BUCKET_MINUTES + 1) * DAY_BUCKET_MINUTES * MINUTE;

export async function chartsData(deps: AppDeps, summary: Summary, now: number): Promise<ChartsData> {
  const nowMinute = Math.floor(now / MINUTE);
  const a = await deps.queries.activity({ dayFrom: dayFrom(now), hourFrom: now - 60 * MINUTE });
  return {
    now,
    hour: bucketize(a.deliveriesPerMinute, nowMinute, 1, 60),
    day: bucketize(a.deliveriesPerMinute, nowMinute, DAY_BUCKET_MINUTES, (24 * 60) / DAY_BUCKET_MINUTES),
    targets: deps.targets.map((t) => ({
      target: t.name,
      label: t.label,
      counts: summary.postingsByTarget[t.name] ?? {},
      oldestWaitingSince: a.oldestWaiting.find((o) => o.target === t.name)?.createdAt ?? null,
      latencyHour: a.latencyHour.find((l) => l.target === t.name),
      latencyEver: fromHistogram(a.latencyBuckets.filter((b) => b.target === t.name)),
    })),
  };
}
