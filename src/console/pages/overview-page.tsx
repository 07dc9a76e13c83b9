// The glance: is the line healthy? Counts by state (per target too), the oldest waiting
// posting, what to paste into each MES, and which targets postings go to.
import { plural } from '../../core/plural.js';
import { Chip, Time } from './components.js';
import { HealthPanel, type HealthPanelData } from './health-panel.js';
import { Layout, type Frame } from './layout.js';
import { ChartsPanel } from './charts-panel.js';
import type { ChartsData } from '../charts-data.js';
import type { UnmappedValue } from '../../targets/target.js';

interface OverviewData {
  targets: { name: string; label: string; sends: boolean; unmapped: UnmappedValue[] }[];
  postings: Record<string, number>;
  postingsByTarget: Record<string, Record<string, number>>;
  deliveries: Record<string, number>;
  oldestWaitingSince: number | null;
  now: number;
  charts: ChartsData;
  sources: { label: string; hint: string; testHint: string; urls: { label: string; url: string }[] }[];
  watch: HealthPanelData;
}

const minutes = (ms: number) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

function Health({ d }: { d: OverviewData }) {
  const failed = d.postings.failed ?? 0;
  const held = d.postings.held ?? 0;
  if (failed) return <div class="banner bad">{plural(failed, 'posting')} failed{held ? `, ${held} held behind them` : ''}: their production orders are stopped until someone retries, edits or cancels them. <a href="/console/events?state=failed">Show failed</a></div>;
  if (d.oldestWaitingSince != null) return <div class="banner warn">Sending: the oldest waiting posting has waited {minutes(d.now - d.oldestWaitingSince)}.</div>;
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
      {d.targets.length > 1 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Target</th>{postingStates.map((s) => <th><Chip state={s} /></th>)}</tr></thead>
            <tbody>
              {d.targets.map((t) => (
                <tr>
                  <td><a href={`/console/events?target=${t.name}`}>{t.label}</a></td>
                  {postingStates.map((s) => <td><a href={`/console/events?target=${t.name}&state=${s}`}>{d.postingsByTarget[t.name]?.[s] ?? 0}</a></td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <HealthPanel d={d.watch} />
      <h2>Deliveries from the MES <span class="muted" style="font-weight:400;font-size:.9rem">(last 24 h)</span></h2>
      <div class="cards">
        {outcomes.map((o) => (
          <a class="card" href={`/console/events?outcome=${o}`}>
            <div class="n">{d.deliveries[o] ?? 0}</div>
            <Chip state={o} />
          </a>
        ))}
      </div>
      <ChartsPanel c={d.charts} />
      {d.sources.map((src) => (
        <>
          <h2>Connect {src.label}</h2>
          <div class="panel">
            <p class="muted" style="margin-top:0">{src.hint}. {src.testHint}</p>
            {src.urls.map((u) => (
              <div class="url">
                <strong style="min-width:8rem">{u.label}</strong>
                <code>{u.url}</code>
                <button type="button" class="secondary" data-copy={u.url}>Copy</button>
              </div>
            ))}
          </div>
        </>
      ))}
      <h2>Targets</h2>
      <div class="panel">
        {d.targets.map((t) => (
          <p style="margin:.2rem 0">
            <strong>{t.label}</strong> ({t.name}){t.sends ? ' — postings are sent there, in order per production order.' : ' — the ledger is the record; nothing is sent to an ERP.'}
          </p>
        ))}
        {d.targets.some((t) => t.unmapped.length) && <Unmapped targets={d.targets} />}
      </div>
    </Layout>
  );
}

/** Values a target's settings don't map yet (D365_WORKER_MAP's MES users): what to add to the map. */
function Unmapped({ targets }: { targets: OverviewData['targets'] }) {
  const rows = targets.flatMap((t) => t.unmapped.map((u) => ({ target: t.label, ...u })));
  return (
    <>
      <h3 id="unmapped">Not mapped yet <span class="muted" style="font-weight:400;font-size:.9rem">(since this bridge started)</span></h3>
      <p class="muted">These were left out of the messages: add each to its setting and restart the bridge.</p>
      <table>
        <thead><tr><th>target</th><th>what</th><th>value</th><th>messages without it</th><th>add to</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr><td>{r.target}</td><td>{r.what}</td><td><code>{r.value}</code></td><td>{r.count}</td><td><code>{r.setting}</code></td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
