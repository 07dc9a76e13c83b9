// A PostgreSQL ledger that does not answer (the server stopped, restarting, failing over, the
// network cut) is a passing state, not a bug: what asked is told so in a sentence, as a 503 with
// Retry-After, so the MES sends it again and nothing is acknowledged unrecorded. pg's pool opens
// new connections by itself once the server is back.
import { DomainError } from '../core/domain-errors.js';

/** Errors that mean "no connection", not "this statement is wrong": socket errors, server shutdown, too many connections. */
const NO_CONNECTION = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
]);
const NO_CONNECTION_TEXT = /Connection terminated|timeout exceeded when trying to connect|connection error|Connection refused/i;

/** host:port/database of a PostgreSQL URL, without user or password. */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : '/(the user name)'}`;
  } catch {
    return 'the server in DATABASE_URL';
  }
}

export function isNoConnection(err: unknown): boolean {
  // drizzle wraps the driver's error (DrizzleQueryError): the cause says what happened.
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && NO_CONNECTION.has(e.code)) return true;
    if (typeof e.message === 'string' && NO_CONNECTION_TEXT.test(e.message)) return true;
  }
  return false;
}

export const ledgerUnavailable = (where: string) =>
  new DomainError(
    'overloaded',
    `The ledger's database (PostgreSQL at ${where}) does not answer, so nothing was recorded. Send it again in a few seconds: the bridge reconnects by itself once the database is back.`,
    5,
  );

/** The store with every method's "no connection" failure turned into ledgerUnavailable. */
export function translatingUnavailable<T extends object>(store: T, where: string): T {
  return new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          throw isNoConnection(err) ? ledgerUnavailable(where) : err;
        }
      };
    },
  });
}
