// How ledger rows look through the admin API: JSON columns parsed, times as ISO strings too,
// a posting's last error as a one-line headline as well.
import { errorHeadline } from '../operations/error-headline.js';
import type { DeliveryRow, PostingRow } from '../store/ledger-rows.js';

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

function parse(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function postingView(p: PostingRow) {
  return {
    ...p,
    content: parse(p.content),
    /** The last error in one line: D365's Message, a receiver's status and first line. */
    headline: errorHeadline(p.lastError),
    createdAtIso: iso(p.createdAt),
    nextAttemptAtIso: iso(p.nextAttemptAt),
    deliveredAtIso: iso(p.deliveredAt),
  };
}

export function eventView(d: DeliveryRow) {
  return { ...d, event: parse(d.event), receivedAtIso: iso(d.receivedAt) };
}
