// RETENTION_DAYS: history older than that is purged a small batch at a time, from the
// dispatcher's background runs (the Node loop, the Workers cron), like D365's own clean-up of
// processed messages. Throttled, so a busy loop doesn't purge on every run.
import type { Clock, Logger } from '../core/runtime.js';
import type { RetentionStore } from '../store/retention-store.js';

/** Rows of each kind per batch: small enough to keep a write short, and D1 rows cheap. */
const PURGE_BATCH = 500;
const EVERY_MS = 60_000;

export function housekeeping(store: RetentionStore, retentionMs: number | null, clock: Clock, logger: Logger) {
  let lastRun = -Infinity;
  return async () => {
    if (retentionMs === null) return;
    const now = clock.now();
    if (now - lastRun < EVERY_MS) return;
    lastRun = now;
    try {
      const purged = await store.purge(now - retentionMs, now, PURGE_BATCH);
      if (purged.deliveries + purged.attempts + purged.rawBodies + purged.keys > 0) logger.info('purged history past RETENTION_DAYS', { ...purged });
    } catch (err) {
      logger.error('retention purge failed; it is tried again later', { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
