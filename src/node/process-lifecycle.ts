// The Node process around the bridge: the ledger lease renewed while it runs, and a graceful
// stop on SIGTERM/SIGINT — take no new connections, start no new send, let the sends and
// requests in flight finish (each bounded by its timeout), give the ledger up, and only then
// exit, so a restart finds nothing left 'sending' and re-sends nothing.
import type { DispatchLoop } from '../outbox/dispatch-loop.js';
import type { Logger } from '../core/runtime.js';
import { LEASE_RENEW_MS, type LedgerLease } from './ledger-lease.js';
import type { Listening } from './listen.js';

export interface Running {
  server: Listening;
  lease: LedgerLease;
  loop: () => DispatchLoop | undefined;
  closeLedger(): Promise<void>;
  /** The longest one send may take: how long a stop may wait for the last ones. */
  longestSendMs: number;
  databasePath: string;
  logger: Logger;
}

export function keepLeaseAndStopGracefully(r: Running): void {
  const renewal = setInterval(async () => {
    if (await r.lease.renew(Date.now()).catch(() => true)) return;
    // Paused past the lease (a frozen VM, a debugger) and another bridge took the ledger over:
    // it owns the sends now. Stop at once rather than send alongside it. (SQLite only: a shared
    // PostgreSQL ledger's leases are not exclusive, so renewing one always succeeds.)
    r.logger.error('another bridge took over this ledger; stopping', { databasePath: r.databasePath });
    process.exit(1);
  }, LEASE_RENEW_MS);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    // Whether a dispatcher run (sends) was under way: the stop waits for it.
    const sending = r.loop()?.health(started).detail.startsWith('running') ?? false;
    clearInterval(renewal);
    const waitMs = r.longestSendMs + 5_000;
    setTimeout(() => {
      r.logger.error(`sends still in flight after ${waitMs} ms; stopping anyway (they are sent again at the next start)`);
      process.exit(1);
    }, waitMs).unref();
    const closed = new Promise<void>((resolve) => r.server.close(resolve));
    await r.loop()?.stop();
    await closed;
    await r.lease.release();
    await r.closeLedger();
    // One line, so a log shows a clean stop from a crash or a kill (which write nothing).
    r.logger.info(`stopped on ${signal}: no new connections or sends, ${sending ? 'the sends in flight finished and were recorded' : 'no send was in flight'}, requests answered, ledger released and closed`, {
      signal,
      stopMs: Date.now() - started,
      databasePath: r.databasePath,
    });
    process.exit(0);
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
}
