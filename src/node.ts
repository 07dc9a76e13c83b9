// Node entry point: embedded SQLite ledger, journal connector, HTTP server. It only builds
// the dependencies and hands them to createApp.
import { serve } from '@hono/node-server';
import { nanoid } from 'nanoid';
import { createApp } from './app.js';
import { ConfigError } from './config/bridge-config.js';
import { parseNodeConfig } from './config/node-config.js';
import { composeDeps } from './compose.js';
import { startDispatchLoop } from './delivery/dispatch-loop.js';
import { jsonLogger, systemClock } from './deps.js';
import { ingestUrls } from './ingest-urls.js';
import { openSqliteLedger } from './store/sqlite-database.js';

async function main() {
  let config: ReturnType<typeof parseNodeConfig>;
  try {
    config = parseNodeConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const ledger = openSqliteLedger(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
  // No INGEST_TOKEN: generate one once and keep it in the ledger, so the URLs pasted into
  // Next Plus keep working across restarts.
  const ingestToken = config.bridge.ingestToken ?? (await ledger.store.keepSetting('ingest_token', nanoid(32)));
  const adminToken = config.bridge.adminToken ?? (await ledger.store.keepSetting('admin_token', nanoid(32)));
  const deps = composeDeps({ config: config.bridge, ingestToken, adminToken, ledger, clock: systemClock, logger: jsonLogger });
  // This process is the only dispatcher: anything left 'sending' by a previous run was cut
  // off mid-send and goes back to the queue (at-least-once: D365 has no idempotency key).
  await ledger.outbox.requeueInterrupted(Date.now() + 1, Date.now());
  const loop = startDispatchLoop(deps.dispatcher, config.bridge.delivery.intervalMs, jsonLogger);
  const app = createApp({ ...deps, notifyDispatcher: () => loop.kick() });

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const base = config.bridge.publicUrl ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${info.port}`;
    const lines = [
      `mes-erp-bridge listening on ${config.HOST}:${info.port} (ledger ${config.DATABASE_PATH}, ERP connector ${config.bridge.erpConnector})`,
      'Paste these into Next Plus > Settings > Integrations > Integration Builder:',
      ...ingestUrls(base, ingestToken).map((u) => `  ${u.label.padEnd(14)} ${u.url}`),
    ];
    if (!config.bridge.publicUrl) lines.push('(Set PUBLIC_URL to the address Next Plus reaches this machine at.)');
    // A generated admin token is shown here, on the terminal of whoever started the bridge:
    // without it nobody could sign in to the console short of reading the database.
    const admin = config.bridge.adminToken ? 'your ADMIN_TOKEN' : `admin token ${adminToken} (generated and kept; set ADMIN_TOKEN to choose one)`;
    lines.push(`Console: ${base}/console (sign in with ${admin})`);
    lines.push(`Admin API: ${base}/admin/api (Authorization: Bearer <the same token>)`);
    console.log(lines.join('\n'));
  });

  const stop = () => {
    server.close(async () => {
      await loop.stop();
      ledger.close();
      process.exit(0);
    });
    // Don't let a client holding a keep-alive connection keep the process alive for long.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
