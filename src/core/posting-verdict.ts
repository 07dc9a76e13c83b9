// An ERP's own word on a message the bridge posted to it, read back later: D365 queues what it is
// sent (the posting is "delivered" once queued), and its message processor may still fail the
// message. A source that hears such a verdict says which posting it is about in these terms; the
// core finds the posting (src/ingest/match-verdict.ts) and records the verdict on it, in the same
// write as the delivery that carried it.

export type VerdictResult = 'processed' | 'failed';

export interface PostingVerdict {
  /** The target whose message it judges (d365). */
  target: string;
  productionOrder: string;
  messageType: string;
  result: VerdictResult;
  /** The ERP's text (its error for a failed message). */
  message?: string;
  /** When the ERP processed it (epoch ms), if said: only postings delivered by then are candidates. */
  at?: number;
  /** The message content as the ERP holds it, when it came along: a posting must agree with it. */
  content?: Record<string, unknown>;
}

/** The subject an unmatched verdict is filed under: the console and the admin API list them by it. */
export const UNMATCHED_VERDICT_SUBJECT = 'verdict:unmatched';
