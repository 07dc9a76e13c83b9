// The overview's picture of the day (charts-data.ts): deliveries per minute by outcome over the
// last hour and the last 24 h, postings per target, send latency p50/p95, the oldest waiting
// posting. Server-drawn SVG (svg-charts.tsx); each chart also says its numbers in words.
import { DAY_BUCKET_MINUTES, OUTCOMES, type Bucket, type ChartsData, type TargetBar } from '../charts-data.js';
import { LATENCY_BUCKETS_SECONDS } from '../../store/send-latency.js';
import { plural } from '../../core/plural.js';
import { HorizontalBars, Legend, StackedColumns, type Bar } from './svg-charts.js';

const STATES = ['delivered', 'failed', 'held', 'waiting', 'cancelled'] as const;
const NAMES: Record<string, string> = {
  accepted: 'Accepted', duplicate: 'Duplicate', test: 'Test', rejected: 'Rejected',
  delivered: 'Delivered (24 h)', failed: 'Failed', held: 'Held', waiting: 'Queued or sending', cancelled: 'Cancelled (24 h)',
  p50: 'p50 (half the sends were faster)', p95: 'p95 (19 in 20 were faster)', age: 'Oldest waiting',
};

export const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : ms < 90_000 ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

/** A histogram bucket's bound, in words: "≤ 250 ms", "> 30 s". */
const upTo = (le: string) => (le === '+Inf' ? `> ${duration(LATENCY_BUCKETS_SECONDS.at(-1)! * 1000)}` : `≤ ${duration(Number(le) * 1000)}`);

/** "42 accepted, 1 rejected" (outcomes with none left out), or `none`. */
function outcomeWords(counts: Record<string, number>, none: string) {
  const words = OUTCOMES.filter((o) => counts[o]).map((o) => `${counts[o]} ${o}`);
  return words.length ? words.join(', ') : none;
}

function totals(buckets: Bucket[]) {
  const sum: Record<string, number> = {};
  for (const b of buckets) for (const [o, n] of Object.entries(b.counts)) sum[o] = (sum[o] ?? 0) + n;
  return sum;
}

function Deliveries({ buckets, now, perBucket, window }: { buckets: Bucket[]; now: number; perBucket: number; window: string }) {
  const ago = (b: Bucket) => {
    const min = Math.round((now - b.start) / 60_000);
    return perBucket === 1 ? (min < 1 ? 'this minute' : `${min} min ago`) : `${(min / 60).toFixed(1)} h ago, ${perBucket} min`;
  };
  const columns = buckets.map((b) => ({
    title: `${ago(b)}: ${outcomeWords(b.counts, 'nothing received')}`,
    parts: OUTCOMES.map((o) => ({ series: o, value: (b.counts[o] ?? 0) / perBucket })),
  }));
  const caption = `Deliveries per minute, ${window}${perBucket > 1 ? ` (${perBucket}-minute averages)` : ''}`;
  const words = outcomeWords(totals(buckets), `nothing received in the ${window}`);
  return (
    <figure class="chart-box" data-chart={window}>
      <figcaption>{caption}: <span class="chart-words">{words}</span></figcaption>
      <StackedColumns columns={columns} series={OUTCOMES} label={`${caption}: ${words}`} xLabels={perBucket === 1 ? ['60 min ago', '30 min ago', 'now'] : ['24 h ago', '12 h ago', 'now']} />
    </figure>
  );
}

function postingsBar(t: TargetBar): Bar {
  const c: Record<string, number> = { ...t.counts, waiting: (t.counts.queued ?? 0) + (t.counts.sending ?? 0) };
  return { label: t.label, parts: STATES.map((s) => ({ series: s, value: c[s] ?? 0 })), text: STATES.map((s) => `${c[s] ?? 0} ${s}`).join(', ') };
}

function latencyBar(t: TargetBar): Bar {
  const h = t.latencyHour;
  const e = t.latencyEver;
  const day = e ? `; since the ledger began: p50 ${upTo(e.p50)}, p95 ${upTo(e.p95)} over ${plural(e.sends, 'send')}` : '';
  const text = h ? `p50 ${duration(h.p50)}, p95 ${duration(h.p95)} over ${plural(h.sends, 'send')} in the last hour${day}` : `no sends in the last hour${day}`;
  return { label: t.label, parts: h ? [{ series: 'p50', value: h.p50 }, { series: 'p95', value: h.p95 - h.p50 }] : [], text };
}

function waitingBar(t: TargetBar, now: number): Bar {
  const age = t.oldestWaitingSince == null ? 0 : Math.max(0, now - t.oldestWaitingSince);
  return { label: t.label, parts: [{ series: 'age', value: age }], text: t.oldestWaitingSince == null ? 'nothing waiting' : `the oldest waiting posting has waited ${age < 60_000 ? `${Math.round(age / 1000)} s` : duration(age)}` };
}

export function ChartsPanel({ c }: { c: ChartsData }) {
  const sending = c.targets.filter((t) => t.latencyEver || t.latencyHour);
  return (
    <section class="charts" aria-label="The day at a glance">
      <h2>The day at a glance</h2>
      <Legend series={OUTCOMES} names={NAMES} />
      <div class="chart-grid">
        <Deliveries buckets={c.hour} now={c.now} perBucket={1} window="last hour" />
        <Deliveries buckets={c.day} now={c.now} perBucket={DAY_BUCKET_MINUTES} window="last 24 h" />
        <figure class="chart-box" data-chart="postings per target">
          <figcaption>Postings per target</figcaption>
          <HorizontalBars bars={c.targets.map(postingsBar)} series={STATES} label="Postings per target" />
          <Legend series={STATES} names={NAMES} />
        </figure>
        <figure class="chart-box" data-chart="send latency">
          <figcaption>Send latency per target</figcaption>
          {sending.length ? <HorizontalBars bars={sending.map(latencyBar)} series={['p50', 'p95']} label="Send latency per target" /> : <p class="muted">Nothing sent yet.</p>}
          {sending.length > 0 && <Legend series={['p50', 'p95']} names={NAMES} />}
        </figure>
        <figure class="chart-box" data-chart="oldest waiting">
          <figcaption>Oldest waiting posting per target</figcaption>
          <HorizontalBars bars={c.targets.map((t) => waitingBar(t, c.now))} series={['age']} label="Oldest waiting posting per target" />
        </figure>
      </div>
    </section>
  );
}
