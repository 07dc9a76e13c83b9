// Node entry point: the ledger (embedded SQLite by default, or a PostgreSQL database several
// bridges share), HTTP server, dispatcher loop. It only builds the dependencies and hands them
// to createApp. Order matters: the ledger is claimed (one bridge per SQLite file) and the port
// bound before any posting is touched, so a second start that fails for either reason never
// disturbs the first one's sends.
import { nanoid } from 'nanoid';
import { createApp } from './app.js';
import { ConfigError } from './config/bridge-config.js';
import { parseNodeConfig, type NodeConfig } from './config/node-config.js';
import { composeDeps } from './compose.js';
import { startDispatchLoop, type DispatchLoop } from './outbox/dispatch-loop.js';
import { systemClock } from './core/runtime.js';
import { pinoLog } from './node/pino-logger.js';
import { nodeClientAddress } from './node/client-address.js';
import { startBanner } from './node/start-banner.js';
import { LEASE_RENEW_MS, takeLedger, type LedgerLease } from './node/ledger-lease.js';
import { keepLeaseAndStopGracefully } from './node/process-lifecycle.js';
import { listen } from './node/listen.js';
import { nodeMetrics } from './node/node-metrics.js';
import { explainStartError } from './node/start-errors.js';
import { openNodeLedger } from './node/open-ledger.js';

async function main() {
  let config: NodeConfig;
  try {
    config = parseNodeConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const where = { port: config.PORT, host: config.HOST, databasePath: config.DATABASE_PATH };
  try {
    await run(config);
  } catch (err) {
    fail(explainStartError(err, where));
  }
}

async function run(config: NodeConfig) {
  // Until the bridge is up, a stop signal just ends the process (nothing is being sent yet).
  const early = () => process.exit(0);
  process.once('SIGINT', early).once('SIGTERM', early);
  const opened = await openNodeLedger(config);
  const ledger = opened.ledger;
  const lease = await takeLedger(ledger.outbox, opened.name, Date.now(), { exclusive: opened.exclusive });
  const bridge = config.bridge;
  const log = pinoLog({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  // process.exit runs 'exit' listeners synchronously: the buffered log lines go out first.
  process.on('exit', () => log.flush());
  const logger = log.logger;

  // No INGEST_TOKEN / ADMIN_TOKEN: generate one once and keep it in the ledger, so the URLs
  // pasted into the MES keep working across restarts.
  const keptIngest = await ledger.store.readSetting('ingest_token');
  const ingestToken = bridge.ingestToken ?? keptIngest ?? (await ledger.store.keepSetting('ingest_token', nanoid(32)));
  const keptAdmin = await ledger.store.readSetting('admin_token');
  const adminToken = bridge.adminToken ?? keptAdmin ?? (await ledger.store.keepSetting('admin_token', nanoid(32)));

  let loop: DispatchLoop | undefined;
  const deps = composeDeps({
    config: bridge,
    ingestToken,
    adminToken,
    metricsToken: bridge.metricsToken,
    ledger,
    clock: systemClock,
    logger,
    dispatcherOwner: lease.owner,
    dispatcherHealth: async () => dispatcherHealth(loop, lease),
    clientAddress: nodeClientAddress(bridge.trustProxy),
    runtimeMetrics: nodeMetrics(),
  });
  const app = createApp({ ...deps, notifyDispatcher: () => loop?.kick() });
  const server = await listen(app.fetch, config).catch(async (err) => {
    await lease.release();
    await opened.close();
    throw err;
  });

  keepLeaseAndStopGracefully({
    server,
    lease,
    loop: () => loop,
    closeLedger: () => opened.close(),
    longestSendMs: deps.dispatcher.longestSendMs,
    databasePath: opened.name,
    logger,
  });
  process.off('SIGINT', early).off('SIGTERM', early);

  loop = startDispatchLoop(deps.dispatcher, bridge.dispatch.intervalMs, logger, systemClock);
  console.log(startBanner(config, deps, server.port, { adminGenerated: !bridge.adminToken && !keptAdmin, ingestGenerated: !bridge.ingestToken && !keptIngest }));
  for (const warning of bridge.warnings) logger.warn(warning);
}

function dispatcherHealth(loop: DispatchLoop | undefined, lease: LedgerLease) {
  const now = Date.now();
  if (!loop) return { alive: false, detail: 'not started yet' };
  if (now - lease.renewedAt() > 3 * LEASE_RENEW_MS) return { alive: false, detail: `the ledger lease was last renewed ${Math.round((now - lease.renewedAt()) / 1000)} s ago` };
  // Which bridge answers: several share one PostgreSQL ledger behind a load balancer.
  return { ...loop.health(now), instance: lease.owner };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

void main();
