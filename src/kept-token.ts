// `npm run admin-token` / `npm run ingest-token`: prints a token the bridge generated and keeps
// in its ledger (DATABASE_PATH), for whoever missed it in the first start's output. Read-only.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { databasePathFrom } from './config/node-config.js';

const kinds = {
  admin: { setting: 'admin_token', variable: 'ADMIN_TOKEN' },
  ingest: { setting: 'ingest_token', variable: 'INGEST_TOKEN' },
} as const;

export function printKeptToken(kind: keyof typeof kinds): void {
  const { setting, variable } = kinds[kind];
  const path = databasePathFrom(process.env);
  if (process.env[variable]?.trim()) {
    console.log(`${variable} is set in this environment: that is the ${kind} token.`);
    return;
  }
  if (!existsSync(path)) {
    console.error(`There is no ledger at ${path}: start the bridge once (npm start), or set DATABASE_PATH to where its ledger is.`);
    process.exit(1);
  }
  const db = new Database(path, { fileMustExist: true, readonly: true });
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(setting) as { value: string } | undefined;
  db.close();
  if (!row) {
    console.error(`The ledger at ${path} has no generated ${kind} token: the bridge was started with ${variable} set. Use that.`);
    process.exit(1);
  }
  console.log(row.value);
}
