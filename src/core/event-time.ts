// When a canonical event happened, and so the plant day it is booked on. A source says when,
// if its MES does (Proficy's end, clock-off and completion times); otherwise it happened when
// it was received (Next Plus sends events as they happen). A backlog or a replay is then booked
// on the day each event happened, not the day the bridge caught up — what a cost accountant's
// period close needs.
import type { CanonicalEvent } from './canonical-events.js';
import { plantDate } from './plant-date.js';

export function datedWhenHappened(events: readonly CanonicalEvent[], receivedAt: number, timeZone: string): CanonicalEvent[] {
  return events.map((e) => {
    const at = e.occurredAt === undefined ? Number.NaN : Date.parse(e.occurredAt);
    if (Number.isNaN(at)) return { ...e, occurredAt: new Date(receivedAt).toISOString(), date: plantDate(receivedAt, timeZone) };
    return { ...e, date: plantDate(at, timeZone) };
  });
}
