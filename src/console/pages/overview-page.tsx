// The glance: is the line healthy? Counts by state, the oldest waiting posting, what to paste
// into Next Plus, and which ERP connector is active.
import { Chip, Time } from './components.js';
import { Layout, type Frame } from './layout.js';

export interface OverviewData {
  connector: string;
  postings: Record<string, number>;
  deliveries: Record<string, number>;
  oldestWaitingSince: number | null;
  now: number;
  urls: { label: string; url: string }[];
}

const minutes = (ms: number) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

function Health({ d }: { d: OverviewData }) {
  const failed = d.postings.failed ?? 0;
  const held = d.postings.held ?? 0;
  if (failed) return <div class="banner bad">{failed} posting(s) failed{held ? `, ${held} held behind them` : ''}: their production orders are stopped until someone retries, edits or cancels them. <a href="/console/events?state=failed">Show failed</a></div>;
  if (d.oldestWaitingSince != null) return <div class="banner warn">Delivering: the oldest waiting posting has waited {minutes(d.now - d.oldestWaitingSince)}.</div>;
  return <div class="banner ok">Healthy: nothing is waiting or failed.</div>;
}

export function OverviewPage({ frame, d }: { frame: Frame; d: OverviewData }) {
  const postingStates = ['queued', 'sending', 'failed', 'held', 'delivered', 'cancelled'];
  const outcomes = ['accepted', 'duplicate', 'test', 'rejected'];
  return (
    <Layout frame={frame}>
      <h1>Overview</h1>
      <Health d={d} />
      <h2>Postings to the ERP <span class="muted" style="font-weight:400;font-size:.9rem">(waiting: all; delivered and cancelled: last 24 h)</span></h2>
      <div class="cards">
        {postingStates.map((s) => (
          <a class="card" href={`/console/events?state=${s}`}>
            <div class="n">{d.postings[s] ?? 0}</div>
            <Chip state={s} />
          </a>
        ))}
        <div class="card">
          <div class="n">{d.oldestWaitingSince == null ? '–' : minutes(d.now - d.oldestWaitingSince)}</div>
          <div class="l">oldest waiting {d.oldestWaitingSince != null && <>(since <Time ms={d.oldestWaitingSince} />)</>}</div>
        </div>
      </div>
      <h2>Deliveries from Next Plus <span class="muted" style="font-weight:400;font-size:.9rem">(last 24 h)</span></h2>
      <div class="cards">
        {outcomes.map((o) => (
          <a class="card" href={`/console/events?outcome=${o}`}>
            <div class="n">{d.deliveries[o] ?? 0}</div>
            <Chip state={o} />
          </a>
        ))}
      </div>
      <h2>Connect Next Plus</h2>
      <div class="panel">
        <p class="muted" style="margin-top:0">Paste each URL into Next Plus &gt; Settings &gt; Integrations &gt; Integration Builder, then press Test: the answer is a TEST-… externalId.</p>
        {d.urls.map((u) => (
          <div class="url">
            <strong style="min-width:8rem">{u.label}</strong>
            <code>{u.url}</code>
            <button type="button" class="secondary" data-copy={u.url}>Copy</button>
          </div>
        ))}
        <p style="margin-bottom:0">ERP connector: <strong>{d.connector}</strong>{d.connector === 'journal' ? ' — the ledger is the record; nothing is sent to an ERP.' : ' — postings go to Dynamics 365.'}</p>
      </div>
    </Layout>
  );
}
