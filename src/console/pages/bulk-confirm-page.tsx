// The confirmation of a bulk retry or cancel: how many postings and which orders, before
// anything moves. A plain form (CSRF token, the filters in its address), no script: the
// question is the page, so it works with the strict CSP and without JavaScript.
import { plural, someOf } from '../../core/plural.js';
import type { BulkActionName } from '../../operations/operator-actions.js';
import type { Selection } from '../../operations/bulk-selection.js';
import { orderHref } from '../console-links.js';
import { Layout, type Frame } from './layout.js';

export interface BulkConfirmData {
  action: BulkActionName;
  /** The state the postings are in (failed unless the filter says otherwise). */
  state: string;
  selection: Selection;
  /** The filters, as a query string: the form posts to the same address. */
  query: string;
  /** Where to go back to: the list these postings came from. */
  back: string;
  limit: number;
  headline?: string;
}

/** "Retry 40 failed postings of orders P1, P2, … (and 12 more)?" */
export function bulkQuestion(d: Pick<BulkConfirmData, 'action' | 'state' | 'selection'>): string {
  const orders = [...new Set(d.selection.items.map((p) => p.productionOrder))];
  const verb = d.action === 'retry' ? 'Retry' : 'Cancel';
  return `${verb} ${plural(d.selection.items.length, `${d.state} posting`)} of ${orders.length === 1 ? 'order' : 'orders'} ${someOf(orders)}?`;
}

export function BulkConfirmPage({ frame, d }: { frame: Frame & { csrf: string }; d: BulkConfirmData }) {
  const n = d.selection.items.length;
  const orders = [...new Set(d.selection.items.map((p) => p.productionOrder))];
  const verb = d.action === 'retry' ? 'Retry' : 'Cancel';
  return (
    <Layout frame={frame}>
      <h1>{verb} {plural(n, `${d.state} posting`)}</h1>
      {n === 0 ? (
        <div class="empty">No {d.state} posting matches these filters any more: nothing to {d.action}. <a href={d.back}>Back to the list</a></div>
      ) : (
        <div class="panel">
          <p style="margin-top:0"><strong>{bulkQuestion(d)}</strong></p>
          {d.headline && <p>They all failed with: <span class="mono">{d.headline}</span></p>}
          <p class="muted">
            {d.action === 'retry'
              ? 'Each is queued to be sent now, oldest first; a production order\'s postings still go in order, and those waiting behind a failed one follow once it is delivered.'
              : 'None of them will be sent to the ERP; the postings waiting behind them in their production orders are sent.'}{' '}
            Each is recorded with your name.
            {d.selection.more && ` More match than the ${d.limit.toLocaleString('en-US')} one action takes: after this one, come back for the rest.`}
          </p>
          <details>
            <summary>All {plural(orders.length, 'production order')}</summary>
            <p>{orders.map((o) => <><a href={orderHref(o)}>{o}</a> </>)}</p>
          </details>
          <form method="post" action={`/console/bulk/${d.action}?${d.query}`} class="actions">
            <input type="hidden" name="_csrf" value={frame.csrf} />
            <input type="hidden" name="back" value={d.back} />
            <button type="submit" class={d.action === 'cancel' ? 'danger' : ''}>{verb} {plural(n, 'posting')}</button>
            <a class="button secondary" href={d.back}>Keep them as they are</a>
          </form>
        </div>
      )}
    </Layout>
  );
}
