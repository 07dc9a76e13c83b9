// What createApp needs from its runtime. src/node.ts and src/worker.ts build these and hand
// them over; nothing in the core reads process.env or opens a database itself.
import type { Context } from 'hono';
import type { BridgeConfig } from './config/bridge-config.js';
import type { Dispatcher } from './outbox/dispatcher.js';
import type { AuthFailures } from './http/auth-failures.js';
import type { BytesInFlight } from './http/bytes-in-flight.js';
import type { LedgerQueries } from './store/ledger-queries.js';
import type { LedgerStore } from './store/ledger-store.js';
import type { OutboxStore } from './store/outbox-store.js';
import type { Source } from './sources/source.js';
import type { Target } from './targets/target.js';
import type { Clock, DispatcherHealth, Logger } from './core/runtime.js';

export interface AppDeps {
  config: BridgeConfig;
  /** The token the MES puts in the URL (configured, or generated and kept in the ledger). */
  ingestToken: string;
  /** The token for the admin API and console (configured, or generated and kept). */
  adminToken: string;
  /** A token that may only read /metrics (the admin token works there too). */
  metricsToken?: string;
  store: LedgerStore;
  outbox: OutboxStore;
  queries: LedgerQueries;
  /** The enabled sources, built from their definitions (src/sources/build-source.ts). */
  sources: Source[];
  /** The enabled targets, connected. */
  targets: Target[];
  dispatcher: Dispatcher;
  /** Asks for delivery of newly committed postings soon. A Worker passes waitUntil. */
  notifyDispatcher(waitUntil?: (work: Promise<unknown>) => void): void;
  dispatcherHealth(): Promise<DispatcherHealth>;
  authFailures: AuthFailures;
  /** Delivery body bytes being read at once (MAX_BYTES_IN_FLIGHT): one count per process or isolate. */
  bytesInFlight: BytesInFlight;
  /** Who is calling, for the wrong-token limit and the log: the runtime knows how to tell. */
  clientAddress(c: Context): string;
  /** Extra Prometheus text the runtime adds to /metrics (Node: process metrics). */
  runtimeMetrics?(): Promise<string>;
  clock: Clock;
  logger: Logger;
}
