// The ledger and its backups hold the generated tokens: they are created readable by their
// owner only (0600), whatever the umask. The file is made empty with O_CREAT|O_EXCL and that
// mode before SQLite opens it (an empty file is a new database), so there is no moment when it
// exists with a wider mode; SQLite gives the -wal, -shm and -journal files the mode of the
// database file, so they are 0600 too.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Creates `path` empty and 0600 (its folder 0700 when made here); an existing file is left as it is. */
export function createOwnerOnlyFile(path: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return;
  }
  // The umask can only take bits away from 0600; this makes sure of it on any platform.
  chmodSync(path, 0o600);
}
