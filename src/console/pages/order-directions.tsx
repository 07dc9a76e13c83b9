// An order's two directions side by side: what the ERP decided and the bridge made of it in the
// MES (released, read, created there), and what the MES reported back (events, postings). Shown
// when the order came from the ERP; an MES-only order has just the timeline.
import type { KnownOrder } from '../../core/known-order.js';
import type { DeliveryRow, PostingRow } from '../../store/ledger-rows.js';
import { plural } from '../../core/plural.js';
import { Time } from './components.js';
import { shownDirection, type Directions } from './direction.js';

interface Props {
  known: KnownOrder | undefined;
  events: DeliveryRow[];
  postings: PostingRow[];
  directions: Directions;
}

function Delivered({ postings }: { postings: PostingRow[] }) {
  if (!postings.length) return <>none</>;
  const delivered = postings.filter((p) => p.state === 'delivered').length;
  return <>{delivered} of {plural(postings.length, 'posting')} delivered ({[...new Set(postings.map((p) => p.target))].join(', ')})</>;
}

export function OrderDirections({ known, events, postings, directions }: Props) {
  // The ERP's verdicts answer MES -> ERP postings: counted on their own, not as order events.
  const way = (e: DeliveryRow) => shownDirection(e, directions) ?? 'mes-to-erp';
  const fromErp = events.filter((e) => way(e) === 'erp-to-mes');
  const fromMes = events.filter((e) => way(e) === 'mes-to-erp');
  const verdicts = events.filter((e) => way(e) === 'erp-verdict');
  if (!known && !fromErp.length) return <></>;
  const of = (list: DeliveryRow[]) => postings.filter((p) => list.some((e) => e.id === p.deliveryId));
  const first = fromErp.find((e) => e.outcome === 'accepted');
  return (
    <div class="grid2">
      <div class="panel" data-direction="erp-to-mes">
        <h2>ERP → MES</h2>
        <dl>
          <dt>Released in the ERP</dt>
          <dd>{first ? <a href={`/console/events/${first.id}`}><Time ms={first.receivedAt} /></a> : 'no release received (the order came another way)'}{fromErp.length > 1 ? ` · ${plural(fromErp.length, 'ERP event')} in all` : ''}</dd>
          <dt>Read from the ERP</dt>
          <dd>{known?.routeReadAt ? <>route {known.route.map((s) => s.operationNumber).join(' → ') || '(no operations)'}, last operation {known.route.at(-1)?.operationNumber ?? '–'} · <Time ms={known.routeReadAt} /></> : 'not read yet'}</dd>
          <dt>Created in the MES</dt>
          <dd>
            {known?.mesOrders.length
              ? known.mesOrders.map((m) => <div>{m.target}: order <span class="mono">{m.number}</span>{m.id ? <span class="muted"> (id {m.id})</span> : ''} · <Time ms={m.createdAt} /></div>)
              : 'not created yet'}
          </dd>
          <dt>Postings</dt><dd><Delivered postings={of(fromErp)} /></dd>
        </dl>
      </div>
      <div class="panel" data-direction="mes-to-erp">
        <h2>MES → ERP</h2>
        <dl>
          <dt>Events reported</dt>
          <dd>{fromMes.length ? `${plural(fromMes.length, 'event')} (${fromMes.filter((e) => e.outcome === 'accepted').length} accepted)` : 'none yet'}</dd>
          <dt>Postings</dt><dd><Delivered postings={of(fromMes)} /></dd>
          {verdicts.length > 0 && <><dt>The ERP's verdicts</dt><dd>{plural(verdicts.length, 'verdict')} on these postings</dd></>}
        </dl>
      </div>
    </div>
  );
}
