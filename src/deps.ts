// What createApp needs from its runtime. src/node.ts and src/worker.ts build these and hand
// them over; nothing in the core reads process.env or opens a database itself.
import type { BridgeConfig } from './config/bridge-config.js';
import type { ErpConnector } from './connectors/erp-connector.js';
import type { Dispatcher } from './delivery/dispatcher.js';
import type { LedgerQueries } from './store/drizzle-queries.js';
import type { LedgerStore } from './store/ledger-store.js';
import type { OutboxStore } from './store/outbox-store.js';

export interface Clock {
  now(): number;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AppDeps {
  config: BridgeConfig;
  /** The token Next Plus puts in the URL (configured, or generated and kept in the ledger). */
  ingestToken: string;
  /** The token for the admin API and console (configured, or generated and kept). */
  adminToken: string;
  store: LedgerStore;
  outbox: OutboxStore;
  queries: LedgerQueries;
  connector: ErpConnector;
  dispatcher: Dispatcher;
  /** Asks for delivery of newly committed postings soon. A Worker passes waitUntil. */
  notifyDispatcher(waitUntil?: (work: Promise<unknown>) => void): void;
  clock: Clock;
  logger: Logger;
}

export const systemClock: Clock = { now: () => Date.now() };

/** One JSON object per line: easy to grep, and what log collectors expect. */
export const jsonLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), message, ...fields })),
};
