// The soak's clock, started when the load starts (after the first bridge is up): the log lines'
// "[  12 s]", the chaos schedule's offsets and the "at" of slow answers all count from it.
export interface Clock {
  elapsedMs(): number;
  /** Whole seconds since the start. */
  elapsed(): number;
  log(line: string): void;
}

export function startClock(): Clock {
  const t0 = performance.now();
  const elapsedMs = () => performance.now() - t0;
  const elapsed = () => Math.round(elapsedMs() / 1000);
  return { elapsedMs, elapsed, log: (line) => console.log(`[${String(elapsed()).padStart(4)} s] ${line}`) };
}
