// The seam between the outbox and a target's system. A connector either is the system of
// record itself (the journal: committing is delivering) or sends one posting and says how it
// went, so the dispatcher can retry or hold.

export interface OutgoingPosting {
  id: number;
  deliveryId: string;
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
      /** The system asked us to wait this long (429/503 Retry-After). */
      retryAfterMs?: number;
    };

export interface Connector {
  /** True when the local ledger is the system of record: postings are delivered on commit. */
  readonly deliversOnCommit: boolean;
  /** The longest one send may take before it counts as cut off. */
  readonly timeoutMs: number;
  send(posting: OutgoingPosting): Promise<SendResult>;
}
