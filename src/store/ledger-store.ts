// What the app needs from storage, and nothing more. Node (better-sqlite3) and Workers (D1)
// provide it with the same drizzle code; only how a group of writes is made atomic differs.
import type { DeliveryRow, NewDelivery, PostingRow } from './schema.js';

export type { DeliveryRow, NewDelivery, PostingRow };

export interface NewPosting {
  productionOrder: string;
  messageType: string;
  content: Record<string, unknown>;
  reversesPostingId?: number;
}

/** An idempotency key to claim; expiresAt null = kept for good. */
export interface KeyClaim {
  key: string;
  expiresAt: number | null;
}

export interface EventCommit {
  delivery: NewDelivery;
  postings: NewPosting[];
  /** State new postings start in (the journal connector delivers on commit). */
  postingState: 'queued' | 'delivered';
  claims: KeyClaim[];
  /** Body-fingerprint keys of this delivery are released (a reversal frees its original). */
  releaseFingerprintsOf?: string;
  /**
   * Postings being reversed: any still unsent (queued or held, never tried) are cancelled,
   * and then so is its reversal, instead of sending a posting and its undoing.
   */
  cancelIfUnsent?: number[];
}

export type CommitResult = { committed: true } | { committed: false; owner: DeliveryRow };

export interface LedgerStore {
  /** The delivery holding any of these keys, unexpired at `now`. */
  findKeyOwner(keys: string[], now: number): Promise<DeliveryRow | undefined>;
  /**
   * Writes the delivery, its postings and its key claims in one atomic step. When another
   * delivery holds one of the keys, nothing is written and that delivery is returned.
   */
  commitEvent(commit: EventCommit): Promise<CommitResult>;
  /** Turns an accepted event into a rejection (sync mode: the ERP refused it); frees its keys. */
  markRejected(deliveryId: string, status: number, message: string): Promise<void>;
  /** Records a delivery that produces nothing: a duplicate or a rejection. */
  recordDelivery(delivery: NewDelivery): Promise<void>;
  /** The accepted (or test) add event that was answered with this externalId. */
  findEventByExternalId(externalId: string): Promise<DeliveryRow | undefined>;
  postingsOf(deliveryId: string): Promise<PostingRow[]>;
  getDelivery(id: string): Promise<DeliveryRow | undefined>;
  /** A generated value kept for good: returns the stored one, storing `value` if none is. */
  keepSetting(key: string, value: string): Promise<string>;
}
