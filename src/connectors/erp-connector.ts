// The one seam between the bridge and an ERP. The ledger writes postings as an outbox; a
// connector either is the ERP of record itself (journal: committing is delivering) or sends
// each posting somewhere and reports how it went, so the dispatcher can retry or hold.

export interface OutgoingPosting {
  id: number;
  productionOrder: string;
  messageType: string;
  /** The message content as JSON text, exactly as stored. */
  content: string;
}

export type SendResult =
  | { outcome: 'delivered'; status?: number; response?: string }
  | {
      /** transient: try again later; permanent: a person has to look at it. */
      outcome: 'transient' | 'permanent';
      status?: number;
      response?: string;
      error?: string;
      /** The ERP asked us to wait this long (429 Retry-After). */
      retryAfterMs?: number;
    };

export interface ErpConnector {
  readonly name: string;
  /** True when the local ledger is the ERP of record: postings are delivered on commit. */
  readonly deliversOnCommit: boolean;
  send(posting: OutgoingPosting, signal?: AbortSignal): Promise<SendResult>;
}
