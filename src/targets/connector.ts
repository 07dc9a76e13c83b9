// The seam between the outbox and a target's system. A connector either is the system of
// record itself (the journal: committing is delivering) or sends one posting and says how it
// went, so the dispatcher can retry or hold.
import type { CanonicalEvent, EventOrigin } from '../core/canonical-events.js';
import type { PostingRow } from '../store/ledger-rows.js';

/** What a send needs of a posting: its ids, lane, type and content (JSON text, as stored). */
export type PostingToSend = Pick<PostingRow, 'id' | 'deliveryId' | 'productionOrder' | 'messageType' | 'content'>;

export type SendResult =
  | {
      outcome: 'delivered';
      status?: number;
      response?: string;
      /**
       * What the send learned, as new canonical events (the order reader: the released order read
       * in full). The dispatcher plans them for the targets that take them and writes those
       * postings in the same write that finishes this attempt, so nothing is lost in between.
       */
      followUps?: { events: CanonicalEvent[]; origin: EventOrigin };
      /** The MES order this send made or found (ERP -> MES): remembered so the MES's reports on it map back. */
      mesOrder?: { id?: string; number: string };
    }
  | {
      /** transient: try again later; permanent: a person has to look at it. */
      outcome: 'transient' | 'permanent';
      status?: number;
      response?: string;
      error?: string;
      /** The system asked us to wait this long (429/503 Retry-After). */
      retryAfterMs?: number;
    };

export interface Connector {
  /** True when the local ledger is the system of record: postings are delivered on commit. */
  readonly deliversOnCommit: boolean;
  /** The longest one send may take before it counts as cut off. */
  readonly timeoutMs: number;
  send(posting: PostingToSend): Promise<SendResult>;
}
