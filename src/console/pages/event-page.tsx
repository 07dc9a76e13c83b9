// One event: what Next Plus sent, what the bridge made of it, what happened to each posting,
// and the events linked to it (duplicates, the update/remove that refers to it) both ways.
import type { EventDetail } from '../../operations/event-detail.js';
import type { DeliveryRow, PostingAttemptRow, PostingRow } from '../../store/ledger-rows.js';
import { ActionChange } from './action-change.js';
import { ActionButton, Chip, PostingPanel, pretty, Time } from './components.js';
import type { Direction } from '../../sources/source.js';
import { DirectionTag, isVerdict } from './direction.js';
import { Layout, type Frame } from './layout.js';
import { orderHref } from '../console-links.js';

type EventData = Omit<EventDetail, 'postings'> & {
  postings: { posting: PostingRow; attempts: PostingAttemptRow[]; reversedBy: PostingRow[] }[];
  /** Which way it went, by its source (undefined: the source is off now). */
  direction?: Direction;
};

const EventLink = ({ e }: { e: DeliveryRow }) => (
  <a href={`/console/events/${e.id}`}>
    {e.externalId ?? e.id} ({e.eventType ?? e.integration}, <Time ms={e.receivedAt} />)
  </a>
);

/** Why an accepted event posted nothing, in its source's terms (the translation table is Next Plus's). */
function noPostings(e: DeliveryRow): string {
  if (isVerdict(e)) return "The ERP's verdict on a posting the bridge sent it: it posts nothing, it is recorded on that posting (its message says which).";
  if (e.source === 'nextplus') return 'This event produces no postings under the translation table.';
  if (e.source === 'd365') return 'This D365 event produces no postings: order sync acts on released orders and on their status changes of legal entity D365_COMPANY (its message says why, where there is one).';
  return `This ${e.source} event produces no postings under the bridge's rules for ${e.source}.`;
}

export function EventPage({ frame, d }: { frame: Frame & { csrf: string }; d: EventData }) {
  const e = d.event;
  const back = `/console/events/${e.id}`;
  const verdicts = d.referredBy.filter(isVerdict);
  const changes = d.referredBy.filter((x) => !isVerdict(x));
  return (
    <Layout frame={frame}>
      <h1>
        {e.source} {e.integration} {e.eventType ?? ''} <Chip state={e.outcome} /> <span class="mono">{e.externalId ?? ''}</span>
      </h1>
      <div class="panel">
        <dl>
          <dt>Received</dt><dd><Time ms={e.receivedAt} /> <span class="muted">answered HTTP {e.status}</span></dd>
          {d.direction && <><dt>Direction</dt><dd><DirectionTag direction={isVerdict(e) ? 'erp-verdict' : d.direction} /></dd></>}
          {e.message && <><dt>Message</dt><dd>{e.message}</dd></>}
          {e.productionOrder && <><dt>Production order</dt><dd><a href={orderHref(e.productionOrder)}>{e.productionOrder}</a> <span class="muted">(timeline)</span></dd></>}
          {e.serial && <><dt>Serial / lot</dt><dd class="mono">{e.serial}</dd></>}
          {e.sku && <><dt>SKU</dt><dd class="mono">{e.sku}</dd></>}
          {d.duplicateOf && <><dt>Duplicate of</dt><dd><EventLink e={d.duplicateOf} /></dd></>}
          {d.refersTo && <><dt>Refers to</dt><dd><EventLink e={d.refersTo} /></dd></>}
          {d.duplicates.length > 0 && <><dt>Repeated by</dt><dd>{d.duplicates.map((x) => <div><EventLink e={x} /></div>)}</dd></>}
          {changes.length > 0 && <><dt>Updated / removed by</dt><dd>{changes.map((x) => <div><EventLink e={x} /></div>)}</dd></>}
          {verdicts.length > 0 && <><dt>The ERP's verdict</dt><dd>{verdicts.map((x) => <div><EventLink e={x} /></div>)}</dd></>}
          <dt>Delivery id</dt><dd class="mono">{e.id}{e.requestId ? ` · request ${e.requestId}` : ''}</dd>
        </dl>
        {e.outcome === 'duplicate' && d.postings.length === 0 && e.eventType !== 'remove' && (
          <div class="actions">
            <ActionButton action={`/console/events/${e.id}/post-anyway`} label="Post this duplicate anyway" csrf={frame.csrf} back={back} confirm="Post this delivery to the ERP as if it were new? Only do this if the original did not reach the ERP as intended." />
          </div>
        )}
      </div>
      <h2>Postings</h2>
      {d.postings.length === 0 ? (
        <div class="empty">
          {e.outcome === 'duplicate'
            ? 'Suppressed as a duplicate: the original event holds the postings (linked above).'
            : e.outcome === 'rejected'
              ? 'Rejected, so nothing was posted. The MES was answered with the message above; fix the cause there and send the event again.'
              : e.outcome === 'test'
                ? 'A Test-button delivery: checked, recorded and never sent to the ERP.'
                : noPostings(e)}
        </div>
      ) : (
        d.postings.map(({ posting, attempts, reversedBy }) => <PostingPanel posting={posting} attempts={attempts} reversedBy={reversedBy} csrf={frame.csrf} back={back} />)
      )}
      <div class="grid2">
        <div>
          <h2>Raw body as received</h2>
          <pre>{pretty(e.rawBody) || '(not recorded)'}</pre>
        </div>
        <div>
          <h2>Parsed event</h2>
          <pre>{pretty(e.event) || '(the body could not be read as an event)'}</pre>
        </div>
      </div>
      {d.actions.length > 0 && (
        <>
          <h2>Operator actions</h2>
          <div class="table-wrap">
            <table>
              <thead><tr><th>When</th><th>Who</th><th>What</th><th>Posting</th><th>Change</th></tr></thead>
              <tbody>
                {d.actions.map((a) => (
                  <tr><td><Time ms={a.at} /></td><td>{a.actor}</td><td>{a.action}</td><td>{a.postingId ?? '–'}</td><td><ActionChange action={a} /></td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
