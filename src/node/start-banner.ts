// What `npm start` prints: where it listens, the URLs to paste into each MES, the console and
// the admin API. Tokens are shown once, on the start that generates them; afterwards (and when
// they are configured) the banner says how to see them rather than writing them into every log:
// whoever reads the ingest URLs can post production events.
import type { NodeConfig } from '../config/node-config.js';
import type { AppDeps } from '../deps.js';
import { ingestUrls } from '../http/ingest-routes.js';
import { ledgerName } from './ledger-name.js';

export function startBanner(config: NodeConfig, deps: Pick<AppDeps, 'adminToken' | 'ingestToken' | 'sources' | 'targets'>, port: number, opts: { adminGenerated: boolean; ingestGenerated: boolean }): string {
  const base = config.bridge.publicUrl ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  const lines = [`mes-erp-bridge listening on ${config.HOST}:${port} (ledger ${ledgerName(config)}, targets ${deps.targets.map((t) => t.name).join(', ')})`];
  // The URLs' token, or a placeholder that keeps each line a template a person can complete.
  const token = opts.ingestGenerated ? deps.ingestToken : TOKEN_PLACEHOLDER;
  for (const source of ingestUrls({ ...deps, ingestToken: token }, base)) {
    lines.push(`${source.hint}:`);
    const width = Math.max(...source.urls.map((u) => u.label.length));
    for (const u of source.urls) lines.push(`  ${u.label.padEnd(Math.max(14, width + 1))} ${u.url}`);
  }
  if (!config.bridge.publicUrl) lines.push('(Set PUBLIC_URL to the address the MES reaches this machine at.)');
  lines.push(
    opts.ingestGenerated
      ? 'These URLs carry the ingest token, generated now and kept in the ledger; it is shown only this once (`npm run ingest-token` prints it again; set INGEST_TOKEN to choose one).'
      : `Replace ${TOKEN_PLACEHOLDER} with ${config.bridge.ingestToken ? 'your INGEST_TOKEN' : 'the ingest token kept in the ledger (`npm run ingest-token` prints it)'}; the console's overview shows the URLs whole.`,
  );
  const admin = config.bridge.adminToken
    ? 'your ADMIN_TOKEN'
    : opts.adminGenerated
      ? `admin token ${deps.adminToken} (generated now and kept in the ledger; shown only this once: \`npm run admin-token\` prints it again; set ADMIN_TOKEN to choose one)`
      : 'the admin token kept in the ledger (`npm run admin-token` prints it)';
  lines.push(`Console: ${base}/console (sign in with ${admin})`);
  lines.push(`Admin API: ${base}/admin/api (Authorization: Bearer <the same token>) · API reference: ${base}/docs`);
  return lines.join('\n');
}

const TOKEN_PLACEHOLDER = 'INGEST-TOKEN';
