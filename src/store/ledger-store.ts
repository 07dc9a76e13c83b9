// What the ingest pipeline needs from storage, and nothing more. Node (better-sqlite3) and
// Workers (D1) provide it with the same drizzle code; another database implements the same
// interface with the row types of ledger-rows.ts.
import type { KnownOrder, OrderLookup } from '../core/known-order.js';
import type { VerdictResult } from '../core/posting-verdict.js';
import type { DeliveryRow, NewDelivery, PostingDraft, PostingRow } from './ledger-rows.js';

export type { DeliveryRow, NewDelivery, PostingDraft, PostingRow };

/** An idempotency key to claim; expiresAt null = kept for good. */
export interface KeyClaim {
  key: string;
  expiresAt: number | null;
  /** A sender key's: the fingerprint of the normalised body it came with. */
  bodyFingerprint?: string | null;
}

/** A claimed key, and the delivery holding it. */
export interface KeyHolder {
  key: string;
  bodyFingerprint: string | null;
  delivery: DeliveryRow;
}

export interface EventCommit {
  delivery: NewDelivery;
  postings: PostingDraft[];
  claims: KeyClaim[];
  /** Body-fingerprint keys of this delivery are released (a reversal frees its original). */
  releaseFingerprintsOf?: string;
  /**
   * Postings being reversed: any still unsent (queued or held, never tried) are cancelled,
   * and then so is its reversal, instead of sending a posting and its undoing.
   */
  cancelIfUnsent?: number[];
  /**
   * Keys as earlier versions wrote them: checked, never written. One held (unexpired) by a
   * delivery of the same kind, test or real, makes this one its duplicate, as a claim would.
   */
  legacyKeys?: { keys: string[]; test: boolean };
  /** The ERP's verdict this delivery carries, recorded on its posting (none found: counted as unmatched). */
  verdict?: VerdictRecord;
}

/** A verdict as the commit records it (src/core/posting-verdict.ts; src/ingest/match-verdict.ts found the posting). */
export interface VerdictRecord {
  target: string;
  result: VerdictResult;
  /** The posting it is about; undefined: unmatched. */
  postingId?: number;
  message: string | null;
}

export type CommitResult = { committed: true } | { committed: false; owner: DeliveryRow; holder: KeyHolder };

export interface LedgerStore {
  /** The delivery holding any of these keys, unexpired at `now`. */
  findKeyOwner(keys: string[], now: number): Promise<DeliveryRow | undefined>;
  /**
   * Writes the delivery, its postings and its key claims in one atomic step. When another
   * delivery holds one of the keys (or of `legacyKeys`), nothing is written and that
   * delivery is returned, with the key it holds.
   */
  commitEvent(commit: EventCommit): Promise<CommitResult>;
  /** Turns an accepted event into a rejection (sync mode: the ERP refused it); frees its keys. */
  markRejected(deliveryId: string, status: number, message: string): Promise<void>;
  /** Records a delivery that produces nothing: a duplicate or a rejection. */
  recordDelivery(delivery: NewDelivery): Promise<void>;
  /** The newest accepted event of `source` filed under `subject` (with `test`: the newest test event). */
  findBySubject(source: string, subject: string, test: boolean): Promise<DeliveryRow | undefined>;
  /**
   * Accepted events of one integration (with `test`: test events) filed with these summary
   * fields (an undefined one matches any), newest first, at most `limit`.
   */
  findFiledWith(source: string, integration: string, filed: { eventType?: string; workorderNumber: string; serial?: string }, test: boolean, limit: number): Promise<DeliveryRow[]>;
  postingsOf(deliveryId: string): Promise<PostingRow[]>;
  /** What the bridge remembers of an order it synced to an MES (src/core/known-order.ts). */
  findKnownOrder(lookup: OrderLookup): Promise<KnownOrder | undefined>;
  /** Delivered postings of a lane and message type, delivered by `deliveredBy`, newest first: what an ERP's verdict may be about. */
  verdictCandidates(lookup: { target: string; productionOrder: string; messageType: string; deliveredBy: number }): Promise<PostingRow[]>;
  getDelivery(id: string): Promise<DeliveryRow | undefined>;
  /** A generated value kept for good: returns the stored one, storing `value` if none is. */
  keepSetting(key: string, value: string): Promise<string>;
  readSetting(key: string): Promise<string | undefined>;
}
