// `npm run admin-token`: prints the admin token the bridge generated and keeps in its ledger
// (DATABASE_PATH), for whoever missed it in the first start's output. Read-only.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { databasePathFrom } from './config/node-config.js';

const path = databasePathFrom(process.env);
if (process.env.ADMIN_TOKEN?.trim()) {
  console.log('ADMIN_TOKEN is set in this environment: that is the admin token.');
} else if (!existsSync(path)) {
  console.error(`There is no ledger at ${path}: start the bridge once (npm start), or set DATABASE_PATH to where its ledger is.`);
  process.exit(1);
} else {
  const db = new Database(path, { fileMustExist: true });
  const row = db.prepare("SELECT value FROM settings WHERE key = 'admin_token'").get() as { value: string } | undefined;
  db.close();
  if (!row) {
    console.error(`The ledger at ${path} has no generated admin token: the bridge was started with ADMIN_TOKEN set. Use that.`);
    process.exit(1);
  }
  console.log(row.value);
}
