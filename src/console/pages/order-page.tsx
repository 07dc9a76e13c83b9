// One production order in sequence: every event and posting as they happened, so a held order
// shows exactly which posting blocks it, why, and what waits behind it.
import type { DeliveryRow, PostingAttemptRow, PostingRow } from '../../store/ledger-rows.js';
import { plural } from '../../core/plural.js';
import { ActionButton, Chip, PostingPanel, Time } from './components.js';
import type { KnownOrder } from '../../core/known-order.js';
import { DirectionTag, shownDirection, type Directions } from './direction.js';
import { Layout, type Frame } from './layout.js';
import { OrderDirections } from './order-directions.js';
import { OrderStatus } from './order-status.js';
import { ErpFailures, verdictText } from './erp-verdict.js';
import { orderHref, orderRetryHref } from '../console-links.js';

interface OrderData {
  order: string;
  events: DeliveryRow[];
  postings: PostingRow[];
  /** Per target, the first failed posting, which holds everything after it there, with its attempts. */
  blocking: { posting: PostingRow; attempts: PostingAttemptRow[] }[];
  /** What the bridge remembers of it, when it synced it to an MES. */
  known?: KnownOrder;
  directions: Directions;
}

type Row = { at: number; kind: 'event'; e: DeliveryRow } | { at: number; kind: 'posting'; p: PostingRow };

export function OrderPage({ frame, d }: { frame: Frame & { csrf: string }; d: OrderData }) {
  const back = orderHref(d.order);
  const rows: Row[] = [
    ...d.events.map((e) => ({ at: e.receivedAt, kind: 'event' as const, e })),
    ...d.postings.map((p) => ({ at: p.createdAt, kind: 'posting' as const, p })),
  ].sort((a, b) => a.at - b.at || (a.kind === 'event' ? -1 : 1));
  const blockerOf = (target: string) => d.blocking.find((b) => b.posting.target === target)?.posting;
  return (
    <Layout frame={frame}>
      <h1>Production order {d.order}</h1>
      <OrderStatus events={d.events} postings={d.postings} />
      {d.blocking.length ? (
        d.blocking.map(({ posting, attempts }) => {
          const failed = d.postings.filter((p) => p.state === 'failed' && p.target === posting.target).length;
          const waiting = d.postings.filter((p) => p.state === 'held' && p.target === posting.target).length;
          const retry = orderRetryHref(d.order, posting.target);
          return (
            <>
              <div class="banner bad">
                Held at {posting.target}: posting #{posting.id} ({posting.messageType}) failed — {posting.lastError ?? 'no reason recorded'}. {waiting === 1 ? '1 posting waits' : `${plural(waiting, 'posting')} wait`} behind it.
              </div>
              <div class="actions">
                <ActionButton action={retry} label={failed > 1 ? `Retry all ${failed} failed postings of ${d.order} at ${posting.target}` : `Retry the failed posting of ${d.order} at ${posting.target}`} csrf={frame.csrf} back={back} />
              </div>
              <PostingPanel posting={posting} attempts={attempts} csrf={frame.csrf} back={back} blocking />
            </>
          );
        })
      ) : (
        <div class="banner ok">Not held: postings of this order are sent in arrival order, at every target.</div>
      )}
      <ErpFailures postings={d.postings} />
      <OrderDirections known={d.known} events={d.events} postings={d.postings} directions={d.directions} />
      <h2>Timeline</h2>
      {rows.length === 0 ? (
        <div class="empty">Nothing recorded for production order {d.order}. Check the spelling, or search the events.</div>
      ) : (
        <div class="table-wrap">
          <table>
            <thead><tr><th>When</th><th>What</th><th>Detail</th><th>State</th></tr></thead>
            <tbody>
              {rows.map((r) =>
                r.kind === 'event' ? (
                  <tr>
                    <td><Time ms={r.at} /></td>
                    <td><DirectionTag direction={shownDirection(r.e, d.directions)} /> Event: <a href={`/console/events/${r.e.id}`}>{r.e.integration} {r.e.eventType ?? ''}</a></td>
                    <td class="mono">{r.e.externalId ?? '–'}{r.e.serial ? ` · serial ${r.e.serial}` : ''}{r.e.sku ? ` · sku ${r.e.sku}` : ''}</td>
                    <td><Chip state={r.e.outcome} /></td>
                  </tr>
                ) : (
                  <tr>
                    <td><Time ms={r.at} /></td>
                    <td>Posting <a href={`/console/events/${r.p.deliveryId}#posting-${r.p.id}`}>#{r.p.id}</a> to {r.p.target} <span class="mono">{r.p.messageType}</span></td>
                    <td class="mono">
                      {r.p.state === 'held' && blockerOf(r.p.target) ? `waits behind posting #${blockerOf(r.p.target)!.id}` : r.p.lastError ?? verdictText(r.p) ?? (r.p.deliveredAt ? 'delivered' : '')}
                    </td>
                    <td><Chip state={r.p.state} /></td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
