// Node's own process metrics for /metrics (resident memory, CPU, event loop lag, heap), from
// prom-client's default collectors: the ledger-derived metrics are the same on both runtimes,
// these exist only where there is a long-lived process to measure.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function nodeMetrics(): () => Promise<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return () => registry.metrics();
}
