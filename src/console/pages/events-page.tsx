// The events grid: newest first, filters and an exact-match search, keyset pages ("Older");
// a rejection's reason and a failed posting's error headline in the row itself.
import type { DeliveryRow, PostingRow } from '../../store/ledger-rows.js';
import { Chip, PostingStates, Time } from './components.js';
import { DirectionTag, shownDirection, type Directions } from './direction.js';
import { Layout, type Frame } from './layout.js';
import { orderHref } from '../console-links.js';
import { errorHeadline } from '../../operations/error-headline.js';
import { filterQuery } from '../postings-data.js';

export interface EventsData {
  /** The filters as the operator typed them, to refill the form. */
  form: Record<string, string>;
  events: DeliveryRow[];
  postingsOf: Map<string, PostingRow[]>;
  /** Query string of the next (older) page, if there is one. */
  older?: string;
  filtered: boolean;
  /** What the select boxes offer: the enabled sources, targets and integrations. */
  choices?: { sources: string[]; targets: string[]; integrations: string[] };
  /** Each source's direction (MES -> ERP, ERP -> MES). */
  directions?: Directions;
}

/** Why a posting failed, in one line each (the same error once): the reason is in the list, not a click away. */
function FailedHeadlines({ postings }: { postings: PostingRow[] }) {
  const why = [...new Set(postings.filter((p) => p.state === 'failed').map((p) => `${p.target}: ${errorHeadline(p.lastError) ?? 'no reason recorded'}`))];
  return <>{why.map((w) => <div class="mono" style="font-size:.8rem;color:var(--bad);overflow-wrap:anywhere">{w}</div>)}</>;
}

const options = (values: string[], selected: string | undefined) =>
  values.map((v) => (
    <option value={v} selected={v === selected}>
      {v || 'any'}
    </option>
  ));

export function EventsPage({ frame, d }: { frame: Frame; d: EventsData }) {
  const f = d.form;
  return (
    <Layout frame={frame}>
      <h1>Events</h1>
      <form class="filters" method="get" action="/console/events">
        <label>Search<input name="q" value={f.q} placeholder="externalId, order, serial, SKU" size={28} /></label>
        <label>Postings<select name="state">{options(['', 'queued', 'sending', 'failed', 'held', 'delivered', 'cancelled'], f.state)}</select></label>
        <label>Target<select name="target">{options(['', ...(d.choices?.targets ?? [])], f.target)}</select></label>
        <label>Outcome<select name="outcome">{options(['', 'accepted', 'duplicate', 'test', 'rejected'], f.outcome)}</select></label>
        <label>Source<select name="source">{options(['', ...(d.choices?.sources ?? [])], f.source)}</select></label>
        <label>Integration<select name="integration">{options(['', ...(d.choices?.integrations ?? [])], f.integration)}</select></label>
        <label>Production order<input name="productionOrder" value={f.productionOrder} size={14} /></label>
        <label>Serial<input name="serial" value={f.serial} size={14} /></label>
        <label>ERP verdict<select name="verdict">{options(['', 'unmatched'], f.verdict)}</select></label>
        <label>From<input type="datetime-local" name="from" value={f.from} /></label>
        <label>To<input type="datetime-local" name="to" value={f.to} /></label>
        <input type="hidden" name="tzOffset" value={f.tzOffset ?? '0'} />
        <button type="submit">Show</button>
        {d.filtered && <a class="button secondary" href="/console/events">Clear</a>}
      </form>
      {d.events.length > 0 && f.state && ['failed', 'queued', 'held'].includes(f.state) && (
        <p><a href={`/console/postings?${filterQuery(f)}`}>These {f.state} postings, by error, to retry or cancel them all…</a></p>
      )}
      {d.events.length === 0 ? (
        <div class="empty">
          {d.filtered
            ? 'No event matches these filters. Widen the time range or clear the filters.'
            : 'No events yet. Paste the ingest URLs from the Overview into Next Plus and press Test on an integration: its delivery shows up here.'}
        </div>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th>Received</th><th>Direction</th><th>Event</th><th>Work order / production order</th><th>Serial / lot</th><th class="wide-only">SKU</th><th>Outcome</th><th>externalId</th><th>Postings</th></tr>
            </thead>
            <tbody>
              {d.events.map((e) => (
                <tr>
                  <td><a href={`/console/events/${e.id}`}><Time ms={e.receivedAt} /></a></td>
                  <td><DirectionTag direction={shownDirection(e, d.directions)} /></td>
                  <td class="nowrap"><span class="muted">{e.source}</span> {e.integration} {e.eventType ?? ''}</td>
                  <td>
                    {e.workorderNumber ?? '–'}
                    {e.productionOrder && <> / <a href={orderHref(e.productionOrder)}>{e.productionOrder}</a></>}
                  </td>
                  <td class="mono">{e.serial ?? '–'}</td>
                  <td class="mono wide-only">{e.sku ?? '–'}</td>
                  <td>
                    <Chip state={e.outcome} />
                    {e.outcome === 'rejected' && e.message && <div class="muted" style="font-size:.85rem;overflow-wrap:anywhere">{e.message}</div>}
                  </td>
                  <td class="mono"><a href={`/console/events/${e.id}`}>{e.externalId ?? '–'}</a></td>
                  <td>
                    <PostingStates postings={d.postingsOf.get(e.id) ?? []} />
                    <FailedHeadlines postings={d.postingsOf.get(e.id) ?? []} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="pager">
        {d.form.before && <a class="button secondary" href="/console/events">Newest</a>}
        {d.older && <a class="button secondary" href={`/console/events?${d.older}`}>Older events</a>}
      </div>
    </Layout>
  );
}
