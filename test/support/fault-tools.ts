// Helpers for the fault tests (test/node/fault-*.test.ts) and the soak (bench/soak.ts): post an
// event and tell an acknowledgement from a failure, read the ledger file behind a bridge's back
// (it is SQLite in WAL mode: another connection may read it at any time), and wait for the fake
// D365 to stop receiving. Running a bridge that must refuse to start: spawn-bridge's runToExit.
import Database from 'better-sqlite3';

export type PostResult =
  | { ok: true; status: 200; externalId: string; ms: number }
  | { ok: false; status: number; body: string; ms: number }
  /** No answer at all: refused, reset, timed out (the bridge was down or died mid-request). */
  | { ok: false; status: 0; error: string; ms: number };

/** POSTs a JSON body; only a 200 with an externalId is an acknowledgement. */
export async function postEvent(url: string, body: unknown, timeoutMs = 10_000): Promise<PostResult> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status === 200) {
      const externalId = (JSON.parse(text) as { externalId?: string }).externalId;
      if (externalId) return { ok: true, status: 200, externalId, ms };
    }
    return { ok: false, status: res.status, body: text.slice(0, 300), ms };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, status: 0, error: cause ?? (err instanceof Error ? err.message : String(err)), ms: performance.now() - started };
  }
}


/** Reads the ledger file directly (the bridge may be running or dead). */
export function readLedger<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

export const postingsInState = (path: string, state: string) =>
  readLedger(path, (db) => (db.prepare('SELECT count(*) AS n FROM postings WHERE state = ?').get(state) as { n: number }).n);

export const nodeLeases = (path: string) =>
  readLedger(path, (db) => db.prepare("SELECT owner, host, pid, started_at AS startedAt, expires_at AS expiresAt FROM leases WHERE kind = 'node'").all()) as {
    owner: string;
    host: string;
    pid: number | null;
    startedAt: number;
    expiresAt: number;
  }[];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `done()` holds and `count()` has not changed for `quietMs` (room for a wrongful
 * second send to show up), or the deadline passes. Returns whether `done()` held.
 */
export async function settle(count: () => number, done: () => boolean, { quietMs = 500, timeoutMs = 15_000, pollMs = 50 } = {}): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = count();
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(pollMs);
    const now = count();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (done() && Date.now() - stableSince >= quietMs) {
      return true;
    }
  }
  return done();
}
