// The ledger holds the generated tokens: its file, its -wal and -shm, and every backup are
// readable by their owner only (0600), whatever the umask; and a backup is one file, nothing
// beside it (no -wal or -shm a copy or a clean-up script would miss).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteLedger } from '../../src/store/sqlite-database.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bridge-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

/** Runs `node args…` with a permissive umask, as a shell with the common default would. */
const nodeWithUmask022 = (args: string[], env: Record<string, string>) =>
  run('/bin/sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, ...args], { env: { ...process.env, ...env } });

describe('the ledger files and backups', () => {
  it('creates the ledger, its -wal and -shm readable by the owner only, even with umask 022', () => {
    const previous = process.umask(0o022);
    try {
      const path = join(dir, 'fresh', 'bridge.db');
      const ledger = openSqliteLedger(path);
      try {
        ledger.client.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'x')").run();
        const files = readdirSync(join(dir, 'fresh')).sort();
        expect(files).toEqual(['bridge.db', 'bridge.db-shm', 'bridge.db-wal']);
        expect(Object.fromEntries(files.map((f) => [f, mode(join(dir, 'fresh', f)).toString(8)]))).toEqual({ 'bridge.db': '600', 'bridge.db-shm': '600', 'bridge.db-wal': '600' });
        expect(mode(join(dir, 'fresh')).toString(8)).toBe('700');
      } finally {
        ledger.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('writes a backup as one file, mode 0600, complete, while the ledger is open', async () => {
    const ledgerPath = join(dir, 'live.db');
    const ledger = openSqliteLedger(ledgerPath);
    try {
      ledger.client.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'in the wal')").run();
      const backups = join(dir, 'backups');
      const copy = join(backups, 'bridge-backup.db');
      await run('/bin/mkdir', ['-p', backups]);
      const { stdout } = await nodeWithUmask022(['dist/backup.js', copy], { DATABASE_PATH: ledgerPath });
      expect(stdout).toMatch(/^Backed up /);
      expect(readdirSync(backups)).toEqual(['bridge-backup.db']);
      expect(mode(copy).toString(8)).toBe('600');
      // A copy opened read-only (as the documented integrity check does) leaves nothing beside it either.
      const check = new Database(copy, { readonly: true });
      expect((check.prepare("SELECT value FROM settings WHERE key = 'probe'").get() as { value: string }).value).toBe('in the wal');
      expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
      check.close();
      expect(readdirSync(backups)).toEqual(['bridge-backup.db']);

      // Over an existing file (readable by all): replaced, and 0600 from then on.
      const old = join(backups, 'old.db');
      writeFileSync(old, '', { mode: 0o644 });
      await nodeWithUmask022(['dist/backup.js', old], { DATABASE_PATH: ledgerPath });
      expect(mode(old).toString(8)).toBe('600');
      expect(readdirSync(backups).sort()).toEqual(['bridge-backup.db', 'old.db']);
    } finally {
      ledger.close();
    }
  });
});
