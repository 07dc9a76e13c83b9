// Capped exponential backoff with jitter: after an ERP outage, queued postings don't all come
// back at the same instant. Half the delay is fixed, half random ("equal jitter").
export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a posting is retried, counted from its first attempt, before it is failed. */
  retryHorizonMs: number;
}

export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const exp = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  const jittered = exp / 2 + random() * (exp / 2);
  // The ERP said when to come back (429 Retry-After): never sooner.
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
