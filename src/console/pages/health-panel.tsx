// The overview's watch panel: is each target taking postings (or failing since when, why, and
// when the next retry is), and when did each MES integration last deliver ("Device/Serial —
// 3 min ago", amber once it has been quiet longer than ALERT_QUIET_MINUTES). Colours always
// come with a word.
import type { AppDeps } from '../../deps.js';
import { eventsHref } from '../console-links.js';
import { integrationViews, targetHealthViews, type IntegrationView, type TargetHealthView } from '../../observability/watch-views.js';
import { Time } from './components.js';

export interface HealthPanelData {
  targets: TargetHealthView[];
  integrations: IntegrationView[];
  now: number;
}

export async function healthPanelData(deps: AppDeps): Promise<HealthPanelData> {
  return { targets: await targetHealthViews(deps), integrations: await integrationViews(deps), now: deps.clock.now() };
}

/** "40 s", "3 min", "2.5 h", "3 days" */
function ago(ms: number): string {
  if (ms < 90_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (ms < 5_400_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

function TargetRow({ t, now }: { t: TargetHealthView; now: number }) {
  return (
    <tr>
      <td><a href={eventsHref({ target: t.name })}>{t.label}</a></td>
      <td>{t.healthy ? <span class="chip delivered">healthy</span> : <a class="chip failed" href={eventsHref({ target: t.name, state: 'queued' })}>failing {ago(now - t.failingSince!)}</a>}</td>
      <td><Time ms={t.lastSuccessAt} /></td>
      <td>{t.healthy ? <span class="muted">–</span> : <>{t.consecutiveFailures} in a row{t.nextRetryAt !== null && <>, next retry in {ago(t.nextRetryAt - now)}</>}</>}</td>
      <td style="overflow-wrap:anywhere">{t.lastError ?? <span class="muted">–</span>}</td>
    </tr>
  );
}

function LineRow({ i, now }: { i: IntegrationView & { lastReceivedAt: number }; now: number }) {
  return (
    <tr>
      <td><a href={eventsHref({ source: i.source, integration: i.integration })}>{i.label}</a></td>
      <td class="muted">{i.sourceLabel}</td>
      <td>
        <span class={i.quiet ? 'chip held' : undefined} title={new Date(i.lastReceivedAt).toISOString()}>{i.quiet ? 'quiet: ' : ''}{ago(now - i.lastReceivedAt)} ago</span>
      </td>
      <td>{i.lastHour}</td>
    </tr>
  );
}

export function HealthPanel({ d }: { d: HealthPanelData }) {
  // Integrations never used (a plant runs a few of Proficy's fourteen) share one line.
  const heard = d.integrations.filter((i): i is IntegrationView & { lastReceivedAt: number } => i.lastReceivedAt !== null);
  const silent = d.integrations.filter((i) => i.lastReceivedAt === null);
  return (
    <>
      <h2 id="health">Targets and lines</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th>Target</th><th>Health</th><th>Last success</th><th>Failures</th><th>Last error</th></tr></thead>
          <tbody>{d.targets.map((t) => <TargetRow t={t} now={d.now} />)}</tbody>
        </table>
      </div>
      <div class="table-wrap" style="margin-top:.6rem">
        <table>
          <thead><tr><th>Integration</th><th>Source</th><th>Last delivery</th><th>Last hour</th></tr></thead>
          <tbody>
            {heard.map((i) => <LineRow i={i} now={d.now} />)}
            {silent.length > 0 && (
              <tr><td colspan={4} class="muted">Nothing received yet from {silent.map((i) => `${i.label} (${i.sourceLabel})`).join(', ')}.</td></tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
