// How the start banner, the logs and start errors name the ledger: the SQLite file's path, or
// PostgreSQL's host, port and database — never the URL itself, which may carry a password.
import type { NodeConfig } from '../config/node-config.js';

/** host:port/database of a PostgreSQL URL, without user or password. */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : '/(the user name)'}`;
  } catch {
    return 'the server in DATABASE_URL';
  }
}

export function ledgerName(config: Pick<NodeConfig, 'DATABASE_URL' | 'DATABASE_PATH'>): string {
  return config.DATABASE_URL ? `PostgreSQL ${describePgUrl(config.DATABASE_URL)}` : config.DATABASE_PATH;
}
