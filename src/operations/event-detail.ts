// One event with everything linked to it: its postings, the event it repeats or refers to, the
// duplicates and updates/removes that point back at it, and what operators did. The admin API
// and the console both show this; the console adds each posting's attempts.
import type { AppDeps } from '../deps.js';

export async function eventDetail(deps: Pick<AppDeps, 'outbox' | 'queries' | 'store'>, id: string) {
  const event = await deps.store.getDelivery(id);
  if (!event) return undefined;
  const [postings, related, duplicateOf, refersTo, actions] = await Promise.all([
    deps.store.postingsOf(event.id),
    deps.queries.related(event.id),
    event.duplicateOf ? deps.store.getDelivery(event.duplicateOf) : undefined,
    event.refersTo ? deps.store.getDelivery(event.refersTo) : undefined,
    deps.outbox.actionsOf({ deliveryId: event.id }),
  ]);
  return {
    event,
    postings,
    duplicateOf,
    refersTo,
    duplicates: related.filter((r) => r.duplicateOf === event.id),
    referredBy: related.filter((r) => r.refersTo === event.id),
    actions,
  };
}

export type EventDetail = NonNullable<Awaited<ReturnType<typeof eventDetail>>>;
