// `npm run backup -- <file>`: an online backup of the ledger (DATABASE_PATH) with SQLite's
// backup API, safe while the bridge runs: the copy is one consistent moment of the ledger,
// every event acknowledged before it began included. The copy is one file (its journal mode
// set back to DELETE, so no -wal or -shm beside it, now or when it is opened), readable by its
// owner only (it holds the tokens). Restore: docs/deployment.md.
import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePathFrom } from './config/node-config.js';
import { createOwnerOnlyFile } from './store/owner-only-file.js';

const source = databasePathFrom(process.env);
const target = process.argv[2];
if (!target) {
  console.error('Say where the backup goes: npm run backup -- /path/to/bridge-backup.db');
  process.exit(1);
}
if (!existsSync(source)) {
  console.error(`There is no ledger at ${source}: set DATABASE_PATH to the bridge's ledger.`);
  process.exit(1);
}
if (resolve(target) === resolve(source)) {
  console.error('The backup must go to another file than the ledger itself.');
  process.exit(1);
}
const db = new Database(source, { fileMustExist: true });
// Other connections (the running bridge) go on writing while the pages are copied.
db.pragma('busy_timeout = 5000');
try {
  const started = Date.now();
  // 0600 before a page is copied: a new file is created so, an existing one is narrowed first.
  createOwnerOnlyFile(target);
  chmodSync(target, 0o600);
  const { totalPages } = await db.backup(target);
  // The copy carries the ledger's WAL mode: opened, it would grow a -wal and a -shm. As a
  // rollback-journal file it stays one file, which a backup must be.
  const copy = new Database(target, { fileMustExist: true });
  let integrity: unknown;
  let events: number;
  try {
    copy.pragma('journal_mode = DELETE');
    integrity = copy.pragma('quick_check', { simple: true });
    events = (copy.prepare('SELECT count(*) AS n FROM deliveries').get() as { n: number }).n;
  } finally {
    copy.close();
  }
  if (integrity !== 'ok') throw new Error(`the copy fails SQLite's check: ${String(integrity)}`);
  const beside = ['-wal', '-shm', '-journal'].map((suffix) => target + suffix).filter((f) => existsSync(f));
  if (beside.length > 0) throw new Error(`SQLite left ${beside.join(', ')} beside the copy`);
  console.log(`Backed up ${source} to ${target}: ${totalPages} pages, ${events} deliveries, in ${Date.now() - started} ms.`);
} catch (err) {
  console.error(`The backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
} finally {
  db.close();
}
