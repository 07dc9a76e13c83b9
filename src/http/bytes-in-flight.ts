// How many bytes of delivery bodies are being read and held at once, across all requests.
// MAX_BODY_BYTES bounds one body; this bounds their sum, so hundreds of large deliveries at
// once can't exhaust memory: past it a delivery is answered 503 with Retry-After (the MES sends
// it again) before more of it is read. One count per process on Node, per isolate on Workers.

/** The share of the budget one delivery holds while its body is read and ingested. */
export interface BodyBudgetLease {
  /** Holds `total` bytes in all for this delivery (more as more arrives); false when the budget is spent. */
  holdUpTo(total: number): boolean;
  /** Gives back everything this delivery held. */
  release(): void;
}

export interface BytesInFlight {
  lease(): BodyBudgetLease;
  /** Bytes held now (for tests and metrics). */
  held(): number;
}

export function bytesInFlight(limit: number): BytesInFlight {
  let held = 0;
  return {
    held: () => held,
    lease() {
      let mine = 0;
      return {
        holdUpTo(total) {
          if (total <= mine) return true;
          if (held + (total - mine) > limit) return false;
          held += total - mine;
          mine = total;
          return true;
        },
        release() {
          held -= mine;
          mine = 0;
        },
      };
    },
  };
}
