// Finds the posting an ERP's verdict is about (src/core/posting-verdict.ts): a delivered posting
// of its lane (target, production order) and message type, delivered by the time the ERP
// processed it. When the verdict carries the message content, the posting must agree with it
// (every field both have, lines included); of those left, the newest. None: the verdict is
// unmatched, recorded and listed, never dropped. Reads only: the delivery's commit writes it.
import { UNMATCHED_VERDICT_SUBJECT, type PostingVerdict } from '../core/posting-verdict.js';
import type { LedgerStore, PostingRow, VerdictRecord } from '../store/ledger-store.js';

/** The ERP's clock and the bridge's differ: a posting delivered this much after the verdict's time still counts. */
const CLOCK_SLACK_MS = 5 * 60_000;

export interface VerdictMatch {
  record: VerdictRecord;
  posting?: PostingRow;
  /** The delivery's note, for the operator. */
  note: string;
  /** Unmatched verdicts are filed under UNMATCHED_VERDICT_SUBJECT, to be listed. */
  subject?: string;
}

export async function matchVerdict(store: Pick<LedgerStore, 'verdictCandidates'>, v: PostingVerdict, now: number): Promise<VerdictMatch> {
  const message = v.message ?? null;
  const label = v.target.toUpperCase();
  const candidates =
    v.productionOrder && v.messageType
      ? await store.verdictCandidates({ target: v.target, productionOrder: v.productionOrder, messageType: v.messageType, deliveredBy: Math.min(now, (v.at ?? now) + CLOCK_SLACK_MS) })
      : [];
  const posting = v.content ? candidates.find((p) => agrees(JSON.parse(p.content), v.content)) : candidates[0];
  if (!posting) {
    const what = `${v.result} ${v.messageType || 'message (no message type)'} of production order ${v.productionOrder || '(none)'}`;
    return {
      record: { target: v.target, result: v.result, message },
      subject: UNMATCHED_VERDICT_SUBJECT,
      note: `unmatched: ${label} reports a ${what}${message ? ` (${message})` : ''}, but no posting this bridge delivered matches it; nothing was changed. Look the message up in ${label}'s message processor.`,
    };
  }
  const which = `posting ${posting.id} (${posting.messageType} of production order ${posting.productionOrder})`;
  const note = v.result === 'failed' ? `failed in ${label}: ${message ?? '(no error text)'} — ${which}` : `confirmed by ${label}: ${which} was processed`;
  return { record: { target: v.target, result: v.result, message, postingId: posting.id }, posting, note };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether what was sent and what the ERP holds agree on every field both have (values compared as text). */
function agrees(sent: unknown, held: unknown): boolean {
  if (isObject(sent) && isObject(held)) return Object.keys(sent).every((k) => !(k in held) || agrees(sent[k], held[k]));
  if (Array.isArray(sent) && Array.isArray(held)) return sent.length === held.length && sent.every((x, i) => agrees(x, held[i]));
  if (isObject(sent) || isObject(held) || Array.isArray(sent) || Array.isArray(held)) return false;
  if (sent === null || held === null) return sent === held;
  return typeof sent === 'number' || typeof held === 'number' ? Number(sent) === Number(held) : String(sent) === String(held);
}
