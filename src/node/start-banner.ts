// What `npm start` prints: where it listens, the URLs to paste into each MES, the console and
// the admin API. A generated admin token is shown once, when it is made; afterwards the banner
// says how to see it again rather than writing it into every log.
import type { NodeConfig } from '../config/node-config.js';
import type { AppDeps } from '../deps.js';
import { ingestUrls } from '../sources/ingest-routes.js';

export function startBanner(config: NodeConfig, deps: AppDeps, port: number, opts: { adminGenerated: boolean }): string {
  const base = config.bridge.publicUrl ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  const lines = [`mes-erp-bridge listening on ${config.HOST}:${port} (ledger ${config.DATABASE_PATH}, targets ${deps.targets.map((t) => t.name).join(', ')})`];
  for (const source of ingestUrls(deps, base)) {
    lines.push(`${source.hint}:`);
    const width = Math.max(...source.urls.map((u) => u.label.length));
    for (const u of source.urls) lines.push(`  ${u.label.padEnd(Math.max(14, width + 1))} ${u.url}`);
  }
  if (!config.bridge.publicUrl) lines.push('(Set PUBLIC_URL to the address the MES reaches this machine at.)');
  const admin = config.bridge.adminToken
    ? 'your ADMIN_TOKEN'
    : opts.adminGenerated
      ? `admin token ${deps.adminToken} (generated now and kept in the ledger; shown only this once: \`npm run admin-token\` prints it again; set ADMIN_TOKEN to choose one)`
      : 'the admin token kept in the ledger (`npm run admin-token` prints it)';
  lines.push(`Console: ${base}/console (sign in with ${admin})`);
  lines.push(`Admin API: ${base}/admin/api (Authorization: Bearer <the same token>) · API reference: ${base}/docs`);
  return lines.join('\n');
}
