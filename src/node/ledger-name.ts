// How the start banner, the logs and start errors name the ledger: the SQLite file's path, or
// PostgreSQL's host, port and database — never the URL itself, which may carry a password.
import type { NodeConfig } from '../config/node-config.js';
import { describePgUrl } from '../store/pg-unavailable.js';

export { describePgUrl };

export function ledgerName(config: Pick<NodeConfig, 'DATABASE_URL' | 'DATABASE_PATH'>): string {
  return config.DATABASE_URL ? `PostgreSQL ${describePgUrl(config.DATABASE_URL)}` : config.DATABASE_PATH;
}
