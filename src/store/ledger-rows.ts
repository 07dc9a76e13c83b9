// The ledger's records as the rest of the bridge sees them: plain types, independent of the
// database and its driver. The SQLite schema (schema.ts) is checked against them at compile
// time; another ledger implementation returns the same shapes.

export interface DeliveryRow {
  id: string;
  receivedAt: number;
  source: string;
  integration: string;
  eventType: string | null;
  /** accepted | test | duplicate | rejected */
  outcome: string;
  status: number;
  externalId: string | null;
  message: string | null;
  rawBody: string | null;
  event: string | null;
  requestId: string | null;
  dedupeKey: string | null;
  duplicateOf: string | null;
  refersTo: string | null;
  subject: string | null;
  productionOrder: string | null;
  workorderNumber: string | null;
  serial: string | null;
  sku: string | null;
}

type Optional<T, Required extends keyof T> = Pick<T, Required> & Partial<Omit<T, Required>>;

export type NewDelivery = Optional<DeliveryRow, 'id' | 'receivedAt' | 'integration' | 'outcome' | 'status'>;

export type PostingState = 'queued' | 'sending' | 'delivered' | 'failed' | 'held' | 'cancelled';

export interface PostingRow {
  id: number;
  deliveryId: string;
  target: string;
  /** With the target, the posting's lane (stored again as ordering_key, the lane index's column). */
  productionOrder: string;
  messageType: string;
  content: string;
  state: string;
  claimedBy: string | null;
  reversesPostingId: number | null;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  firstAttemptAt: number | null;
  nextAttemptAt: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  heldAlertedAt: number | null;
  /** The ERP's verdict read back (D365's message processor): failed | processed; null: none heard. */
  erpVerdict: string | null;
  erpVerdictMessage: string | null;
  erpVerdictAlertedAt: number | null;
}

/** A posting before its commit: what a target built, in its lane. */
export interface PostingDraft {
  target: string;
  productionOrder: string;
  messageType: string;
  content: Record<string, unknown>;
  /** delivered: the target is the ledger itself (journal). */
  state: 'queued' | 'delivered';
  reversesPostingId?: number;
  /** Written only if its lane holds no live posting of these message types (TargetMessage.unlessLaneHas). */
  unlessLaneHas?: readonly string[];
}

export interface PostingAttemptRow {
  id: number;
  postingId: number;
  startedAt: number;
  finishedAt: number;
  /** delivered | transient | permanent */
  outcome: string;
  httpStatus: number | null;
  response: string | null;
  error: string | null;
}

export interface OperatorActionRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  postingId: number | null;
  deliveryId: string | null;
  detail: string | null;
}
