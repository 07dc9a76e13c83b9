// What the console's charts and its self-refresh read from the ledger. Each query walks an
// index over a recent window (or reads the end of one), so its cost follows the day's traffic,
// not the ledger's size.

export interface ActivityWindows {
  /** Deliveries per minute for the 24 h from then on (the console asks for the last 24 h). */
  dayFrom: number;
  /**
   * Send latency percentiles from then on (the last hour). Ranking a day of attempts would cost
   * half a second at a send a second; the whole history comes from the histogram instead.
   */
  hourFrom: number;
}

/** Nearest-rank percentiles of send durations (ms) of one target's attempts in a window. */
export interface LatencyPercentiles {
  target: string;
  sends: number;
  p50: number;
  p95: number;
}

export interface Activity {
  /** Deliveries by minute (received_at / 60 000) and outcome, from `dayFrom` on. */
  deliveriesPerMinute: { minute: number; outcome: string; n: number }[];
  latencyHour: LatencyPercentiles[];
  /** The send-latency histogram the ledger keeps for /metrics: sends per target and bucket (`le`, seconds), since the ledger began. */
  latencyBuckets: { target: string; le: string; n: number }[];
  /** Per target, when its oldest waiting (queued, sending, failed, held) posting was created. */
  oldestWaiting: { target: string; createdAt: number }[];
}

export interface ActivityQueries {
  activity(w: ActivityWindows): Promise<Activity>;
  /**
   * Changes whenever something is received, sent or acted on: the newest delivery, posting,
   * attempt and operator action. Four reads of an index's last entry; the console's pages use
   * it as their ETag, so asking "anything new?" costs no rendering.
   */
  changeStamp(): Promise<string>;
}
