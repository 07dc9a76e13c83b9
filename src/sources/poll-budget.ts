// One run's allowance of outbound calls for the order-sync polls (ORDER_SYNC_POLL_BUDGET). A
// Worker's invocation may make at most 1000 subrequests, the dispatcher's sends included, so the
// polls count theirs — every request through this fetch — and stop where the allowance ends; what
// is left carries on at the next run (the VIF poll by each MO's last poll, the catch-up poll by its
// mark in the ledger). On Node it bounds one run of the loop the same way.
export interface PollBudget {
  /** The fetch the polls call through: each call counts. */
  fetch: typeof fetch;
  /** Calls left in this run. */
  left(): number;
  /** A new run: the whole allowance again. */
  renew(): void;
}

export function pollBudget(limit: number, fetchFn: typeof fetch): PollBudget {
  let used = 0;
  return {
    fetch: (input, init) => {
      used++;
      return fetchFn(input, init);
    },
    left: () => limit - used,
    renew: () => void (used = 0),
  };
}
