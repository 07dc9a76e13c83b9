// What went wrong at start, in a sentence the person at the console of a plant server can act
// on: no stack trace for the things that happen to everyone (a taken port, a folder the service
// user can't write, a second bridge on the same ledger).
import { dirname, resolve } from 'node:path';

export class StartError extends Error {}

interface Where {
  port: number;
  host: string;
  databasePath: string;
}

export function explainStartError(err: unknown, where: Where): string {
  if (err instanceof StartError) return err.message;
  const e = err as NodeJS.ErrnoException & { code?: string };
  const folder = dirname(resolve(where.databasePath));
  switch (e?.code) {
    case 'EADDRINUSE':
      return `Port ${where.port} is taken (another program, or another bridge, listens there): set PORT to a free port, or stop what uses it.`;
    case 'EEXIST': // mkdir: a file stands where the folder should be
    case 'ENOTDIR':
    case 'EROFS':
      return `The ledger can't be written at ${where.databasePath}: ${folder} is not a writable folder. Set DATABASE_PATH to a file in a folder this user can write.`;
    case 'EACCES':
    case 'EPERM':
      if (e.syscall === 'listen') return `Port ${where.port} needs privileges this user lacks: use a port above 1023 (e.g. PORT=8787) and put a reverse proxy in front for 80/443.`;
      return `The ledger can't be written at ${where.databasePath}: the folder ${folder} is not writable by this user. Give the user write access to it, or set DATABASE_PATH to a folder it can write.`;
    case 'EADDRNOTAVAIL':
      return `HOST ${where.host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all.`;
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
      return `The ledger can't be opened for writing at ${where.databasePath}: check that ${folder} exists and is writable by this user (and not a read-only or network share), or set DATABASE_PATH.`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `The ledger ${where.databasePath} is locked by another process (probably another bridge): stop it, or give this bridge its own DATABASE_PATH.`;
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return `${where.databasePath} is not a readable ledger (damaged, or not an SQLite file): restore it from a backup (docs/deployment.md), or set DATABASE_PATH to a new file.`;
    default:
      return `The bridge could not start: ${e instanceof Error ? e.message : String(err)}`;
  }
}
