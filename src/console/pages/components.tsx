// Small pieces every page uses: times, status chips, action buttons, a posting with its attempts.
import type { PostingAttemptRow, PostingRow } from '../../store/ledger-rows.js';
import { orderHref } from '../console-links.js';
import { ErpVerdict } from './erp-verdict.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** UTC from the server, turned into local time in the browser; UTC on hover. */
export function Time({ ms }: { ms: number | null | undefined }) {
  if (ms == null) return <span class="muted">–</span>;
  const at = iso(ms);
  return (
    <time datetime={at} title={`${at.replace('T', ' ').slice(0, 19)} UTC`}>
      {at.replace('T', ' ').slice(0, 19)} UTC
    </time>
  );
}

const labels: Record<string, string> = {
  queued: 'Queued', sending: 'Sending', delivered: 'Delivered', failed: 'Failed', held: 'Held', cancelled: 'Cancelled',
  accepted: 'Accepted', duplicate: 'Duplicate', test: 'Test', rejected: 'Rejected',
};

export function Chip({ state, count }: { state: string; count?: number }) {
  return <span class={`chip ${state}`}>{count !== undefined ? `${count} ${(labels[state] ?? state).toLowerCase()}` : (labels[state] ?? state)}</span>;
}

/** How the postings of one event stand, e.g. "2 delivered · 1 failed". */
export function PostingStates({ postings }: { postings: PostingRow[] }) {
  if (postings.length === 0) return <span class="muted">no postings</span>;
  const counts = new Map<string, number>();
  for (const p of postings) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  return <>{[...counts].map(([state, n]) => <Chip state={state} count={n} />)}</>;
}

export function ActionButton(props: { action: string; label: string; csrf: string; back: string; kind?: string; confirm?: string }) {
  return (
    <form method="post" action={props.action} data-confirm={props.confirm}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class={props.kind ?? ''}>{props.label}</button>
    </form>
  );
}

export function pretty(json: string | null): string {
  if (json == null) return '';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export function PostingPanel(props: { posting: PostingRow; attempts: PostingAttemptRow[]; csrf: string; back: string; blocking?: boolean; reversedBy?: PostingRow[] }) {
  const { posting: p, attempts, csrf, back } = props;
  const base = `/console/postings/${p.id}`;
  return (
    <div class={`panel${props.blocking ? ' blocking' : ''}`} id={`posting-${p.id}`}>
      <h3 style="margin:0 0 .4rem">
        Posting #{p.id} to {p.target} <Chip state={p.state} /> <span class="mono">{p.messageType}</span>
      </h3>
      {props.blocking && <p><strong>This posting blocks production order {p.productionOrder} at {p.target}:</strong> the postings after it there wait until it is delivered or cancelled.</p>}
      <dl>
        <dt>Production order</dt><dd><a href={orderHref(p.productionOrder)}>{p.productionOrder}</a></dd>
        <dt>Created</dt><dd><Time ms={p.createdAt} /></dd>
        {p.deliveredAt != null && <><dt>Delivered</dt><dd><Time ms={p.deliveredAt} /></dd></>}
        {p.nextAttemptAt != null && p.state === 'queued' && <><dt>Next attempt</dt><dd><Time ms={p.nextAttemptAt} /></dd></>}
        {p.lastError && <><dt>Last error</dt><dd class="mono">{p.lastError}</dd></>}
        {p.erpVerdict && <><dt>{p.target.toUpperCase()}'s verdict</dt><dd><ErpVerdict posting={p} /></dd></>}
        {p.reversesPostingId != null && <><dt>Reverses</dt><dd><a href={`/console/postings/${p.reversesPostingId}`}>posting #{p.reversesPostingId}</a></dd></>}
        {props.reversedBy?.length ? <><dt>Reversed by</dt><dd>{props.reversedBy.map((r) => <a href={`/console/postings/${r.id}`}>posting #{r.id} ({r.state}) </a>)}</dd></> : null}
      </dl>
      <div class="actions">
        {['failed', 'queued', 'held'].includes(p.state) && <ActionButton action={`${base}/retry`} label="Retry now" csrf={csrf} back={back} />}
        {['failed', 'queued', 'held'].includes(p.state) && <ActionButton action={`${base}/cancel`} label="Cancel" kind="danger" csrf={csrf} back={back} confirm={`Cancel posting #${p.id}? It will not be sent to the ERP.`} />}
        {p.state === 'cancelled' && <ActionButton action={`${base}/requeue`} label="Re-queue" csrf={csrf} back={back} />}
      </div>
      <details open={p.state === 'failed'}>
        <summary>Message content {p.state === 'failed' ? '(editable while failed)' : ''}</summary>
        {p.state === 'failed' ? (
          <form method="post" action={`${base}/content`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="back" value={back} />
            <textarea name="content" aria-label={`Content of posting ${p.id}`} spellcheck={false}>{pretty(p.content)}</textarea>
            <div class="actions">
              <button type="submit" name="then" value="retry">Save and retry</button>
              <button type="submit" class="secondary">Save content</button>
            </div>
          </form>
        ) : (
          <pre>{pretty(p.content)}</pre>
        )}
      </details>
      <h4 style="margin:.8rem 0 .3rem">Send attempts</h4>
      {attempts.length === 0 ? (
        <p class="muted">Not tried yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Started</th><th>Outcome</th><th>HTTP</th><th>Response / error</th></tr></thead>
            <tbody>
              {attempts.map((a) => (
                <tr>
                  <td><Time ms={a.startedAt} /> <span class="muted">({a.finishedAt - a.startedAt} ms)</span></td>
                  <td><span class={`chip ${a.outcome === 'delivered' ? 'delivered' : a.outcome === 'permanent' ? 'failed' : 'held'}`}>{a.outcome === 'transient' ? 'retryable' : a.outcome}</span></td>
                  <td>{a.httpStatus ?? '–'}</td>
                  <td class="mono">{[a.error, a.response?.slice(0, 300)].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
