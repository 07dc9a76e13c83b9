// `npm run backup -- <file>`: an online backup of the ledger (DATABASE_PATH) with SQLite's
// backup API, safe while the bridge runs: the copy is one consistent moment of the ledger,
// every event acknowledged before it began included. Restore: docs/deployment.md.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePathFrom } from './config/node-config.js';

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
  const { totalPages } = await db.backup(target);
  const check = new Database(target, { readonly: true });
  const integrity = check.pragma('quick_check', { simple: true });
  const events = (check.prepare('SELECT count(*) AS n FROM deliveries').get() as { n: number }).n;
  check.close();
  if (integrity !== 'ok') throw new Error(`the copy fails SQLite's check: ${String(integrity)}`);
  console.log(`Backed up ${source} to ${target}: ${totalPages} pages, ${events} deliveries, in ${Date.now() - started} ms.`);
} catch (err) {
  console.error(`The backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
} finally {
  db.close();
}
