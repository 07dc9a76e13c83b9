// The top of an order's page: where the order stands in D365 (its last status event: released,
// started, ended, withdrawn), and what a person must do by hand because an MES took no update
// (a RecordStatus posting: Next Plus without NEXTPLUS_STATUS_UPDATES for that status). Without
// it, an order ended or withdrawn in D365 reads as if nothing had happened.
import type { DeliveryRow, PostingRow } from '../../store/ledger-rows.js';
import { Time } from './components.js';

const said: Record<string, string> = {
  released: 'released in D365',
  started: 'started in D365',
  ended: 'ended in D365: no more reports on it are expected',
  withdrawn: 'withdrawn in D365 (reset to a status before Released, or deleted): the MES should not make it',
};

/** What a person must do for a status the MES was not updated for; started asks nothing (the floor starts it). */
const toDo: Record<string, (wo: string) => string> = {
  ended: (wo) => `close work order ${wo} in Next Plus by hand: D365 ended the order`,
  withdrawn: (wo) => `close or delete work order ${wo} in Next Plus by hand: the order was withdrawn in D365`,
};

function contentOf(p: PostingRow): { workorderNumber?: string; status?: string } {
  try {
    return JSON.parse(p.content) as { workorderNumber?: string; status?: string };
  } catch {
    return {};
  }
}

export function OrderStatus({ events, postings }: { events: DeliveryRow[]; postings: PostingRow[] }) {
  // Events of one array arrive in the same millisecond: their postings, numbered in turn, tell the order.
  const lastPosting = (e: DeliveryRow) => Math.max(0, ...postings.filter((p) => p.deliveryId === e.id).map((p) => Number(p.id)));
  const last = events
    .filter((e) => e.source === 'd365' && e.outcome === 'accepted' && e.eventType !== null && Object.hasOwn(said, e.eventType))
    .reduce<DeliveryRow | undefined>((a, e) => (!a || e.receivedAt > a.receivedAt || (e.receivedAt === a.receivedAt && lastPosting(e) > lastPosting(a)) ? e : a), undefined);
  // Only for where the order stands now: a withdrawal's to-do is moot once it is released again.
  const asks = postings.filter((p) => p.messageType === 'RecordStatus' && p.state === 'delivered' && Object.hasOwn(toDo, contentOf(p).status ?? '') && (!last || contentOf(p).status === last.eventType));
  if (!last && !asks.length) return <></>;
  return (
    <>
      {last && (
        <div class={`banner ${last.eventType === 'ended' || last.eventType === 'withdrawn' ? 'warn' : 'ok'}`} data-d365-status={last.eventType}>
          In D365: {said[last.eventType!]} · <a href={`/console/events/${last.id}`}><Time ms={last.receivedAt} /></a>
        </div>
      )}
      {asks.map((p) => {
        const c = contentOf(p);
        return (
          <div class="banner bad">
            To do by hand: {toDo[c.status!]!(c.workorderNumber ?? p.productionOrder)} (posting <a href={`/console/events/${p.deliveryId}#posting-${p.id}`}>#{p.id}</a> recorded it, nothing was sent).
          </div>
        );
      })}
    </>
  );
}
