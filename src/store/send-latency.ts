// The send-latency histogram's buckets (upper bounds, seconds): from a fast local receiver to
// D365's 30 s timeout. Each attempt bumps the one bucket it falls in; /metrics adds them up
// into Prometheus's cumulative buckets.
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export function latencyBucket(ms: number): string {
  const seconds = ms / 1000;
  const bound = LATENCY_BUCKETS_SECONDS.find((b) => seconds <= b);
  return bound === undefined ? '+Inf' : String(bound);
}
