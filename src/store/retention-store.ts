// What retention needs from the ledger: purge one small batch of what is only history.
// Never touched: anything queued, sending, failed or held, and the compact record a later
// remove or update needs (the delivery row with its externalId and subject, its postings with
// what was posted and their state, the reversal and sender keys).

export interface PurgeCounts {
  /** Duplicates, tests and rejections deleted. */
  deliveries: number;
  /** Attempt logs of finished postings deleted. */
  attempts: number;
  /** Raw bodies of finished events dropped (the parsed event stays). */
  rawBodies: number;
  /** Expired idempotency keys deleted. */
  keys: number;
}

export interface RetentionStore {
  /** One batch of at most `batch` rows of each kind older than `cutoff`. */
  purge(cutoff: number, now: number, batch: number): Promise<PurgeCounts>;
}
