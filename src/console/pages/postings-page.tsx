// The postings list: every posting a filter matches, newest first, with its last error's
// headline; on the failed list, the failures grouped by error first, each with "retry all" and
// "cancel all"; and a retry or cancel of everything listed, each behind a confirmation page.
import { plural } from '../../core/plural.js';
import type { FailureGroup } from '../../operations/bulk-selection.js';
import { errorHeadline } from '../../operations/error-headline.js';
import { orderHref } from '../console-links.js';
import { filterQuery, type PostingsData } from '../postings-data.js';
import { Chip, Time } from './components.js';
import { Layout, type Frame } from './layout.js';

const options = (values: string[], selected: string | undefined) =>
  values.map((v) => (
    <option value={v} selected={v === selected}>
      {v || 'any'}
    </option>
  ));

/** Postings in these states can be retried or cancelled in bulk. */
const ACTIONABLE = ['failed', 'queued', 'held'];

function Groups({ form, groups, truncated }: { form: Record<string, string>; groups: FailureGroup[]; truncated: boolean }) {
  if (groups.length === 0) return null;
  return (
    <>
      <h2>Failures by error</h2>
      {truncated && <p class="muted">Only the oldest failed postings are grouped here; fix these and the rest follow.</p>}
      <div class="table-wrap">
        <table>
          <thead><tr><th>Target</th><th>Error</th><th>Postings</th><th>Production orders</th><th>Failing since</th><th>Fix all</th></tr></thead>
          <tbody>
            {groups.map((g) => {
              const group = filterQuery(form, { state: 'failed', target: g.target, headline: g.headline });
              return (
                <tr>
                  <td>{g.target}</td>
                  <td class="mono" style="overflow-wrap:anywhere">{g.headline}</td>
                  <td><a href={`/console/postings?${group}`}>{plural(g.count, 'posting')}</a></td>
                  <td>
                    {g.productionOrders.slice(0, 8).map((o) => <><a href={orderHref(o)}>{o}</a> </>)}
                    {g.productionOrders.length > 8 && <span class="muted">and {plural(g.productionOrders.length - 8, 'more order')}</span>}
                  </td>
                  <td><Time ms={g.firstFailedAt} /></td>
                  <td class="nowrap">
                    <a class="button" href={`/console/bulk/retry?${group}`}>Retry all</a>{' '}
                    <a class="button secondary" href={`/console/bulk/cancel?${group}`}>Cancel all</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function PostingsPage({ frame, d }: { frame: Frame; d: PostingsData }) {
  const f = d.form;
  const state = f.state ?? 'failed';
  const bulkable = !f.state || ACTIONABLE.includes(f.state);
  return (
    <Layout frame={frame}>
      <h1>{f.state === 'failed' ? 'Failed postings' : 'Postings'}</h1>
      <form class="filters" method="get" action="/console/postings">
        <label>State<select name="state">{options(['', 'queued', 'sending', 'failed', 'held', 'delivered', 'cancelled'], f.state)}</select></label>
        <label>Target<select name="target">{options(['', ...d.choices.targets], f.target)}</select></label>
        <label>Source<select name="source">{options(['', ...d.choices.sources], f.source)}</select></label>
        <label>Production order<input name="productionOrder" value={f.productionOrder} size={14} /></label>
        <label>From<input type="datetime-local" name="from" value={f.from} /></label>
        <label>To<input type="datetime-local" name="to" value={f.to} /></label>
        {f.headline && <label>Error<input name="headline" value={f.headline} size={28} /></label>}
        <input type="hidden" name="tzOffset" value={f.tzOffset ?? '0'} />
        <button type="submit">Show</button>
        {d.filtered && <a class="button secondary" href="/console/postings">Clear</a>}
      </form>
      {d.groups && <Groups form={f} {...d.groups} />}
      {d.postings.length > 0 && bulkable && (
        <div class="actions">
          <a class="button" href={`/console/bulk/retry?${filterQuery(f, { state })}`}>Retry every {state} posting listed…</a>
          <a class="button secondary" href={`/console/bulk/cancel?${filterQuery(f, { state })}`}>Cancel every {state} posting listed…</a>
        </div>
      )}
      {d.groups && d.postings.length > 0 && <h2>Every failed posting</h2>}
      {d.postings.length === 0 ? (
        <div class="empty">{d.filtered ? 'No posting matches these filters. Widen the time range or clear the filters.' : 'No postings yet: accepted events make them, one per target message.'}</div>
      ) : (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Posting</th><th>Created</th><th>Target</th><th>Production order</th><th>Message</th><th>State</th><th>Last error</th></tr></thead>
            <tbody>
              {d.postings.map((p) => (
                <tr>
                  <td><a href={`/console/postings/${p.id}`}>#{p.id}</a></td>
                  <td><Time ms={p.createdAt} /></td>
                  <td>{p.target}</td>
                  <td><a href={orderHref(p.productionOrder)}>{p.productionOrder}</a></td>
                  <td class="mono">{p.messageType}</td>
                  <td><Chip state={p.state} />{p.attempts > 0 && <span class="muted"> {plural(p.attempts, 'attempt')}</span>}</td>
                  <td class="mono" style="overflow-wrap:anywhere">{errorHeadline(p.lastError) ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="pager">
        {f.before && <a class="button secondary" href={`/console/postings?${filterQuery(f)}`}>Newest</a>}
        {d.older && <a class="button secondary" href={`/console/postings?${d.older}`}>Older postings</a>}
      </div>
    </Layout>
  );
}
