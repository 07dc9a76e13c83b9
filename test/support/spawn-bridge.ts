// Starts the built bridge (`node dist/node.js`, built once by test/node/build-once.ts) as a
// child process on a free port, the way production runs it, and waits for the URLs it prints.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Started {
  child: ChildProcess;
  /** Every URL line of the banner, by its label ("Device/Serial", "Operation Completed", …). */
  urls: Record<string, string>;
  /** The bridge's base URL, e.g. http://127.0.0.1:41234 */
  base: string;
  output: () => string;
}

/**
 * The banner prints the ingest token only on the start that generates it; later starts print a
 * placeholder, completed here as a person would: with INGEST_TOKEN, or the token in the ledger.
 */
function withToken(url: string, env: Record<string, string>): string {
  if (!url.includes('token=INGEST-TOKEN')) return url;
  let token = env.INGEST_TOKEN;
  if (!token) {
    const db = new Database(env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
    token = (db.prepare("SELECT value FROM settings WHERE key = 'ingest_token'").get() as { value: string }).value;
    db.close();
  }
  return url.replace('token=INGEST-TOKEN', `token=${encodeURIComponent(token)}`);
}

/** Resolves once the Next Plus URLs are printed (the banner is written in one piece). */
export function startBridge(env: Record<string, string>, timeoutMs = 20_000): Promise<Started> {
  const child = spawn(process.execPath, ['dist/node.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_REQUESTS: 'false', ...env },
    detached: true, // its own process group, so it and anything it starts stop together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URLs printed:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk;
      const urls = Object.fromEntries([...out.matchAll(/^ {2}(\S.*?)\s{2,}(http\S+)$/gm)].map((m) => [m[1]!.trim(), withToken(m[2]!, env)]));
      if (urls['Device/Serial'] && urls.Operation) {
        clearTimeout(timer);
        resolve({ child, urls, base: new URL(urls['Device/Serial']).origin, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal}:\n${out}`));
    });
  });
}

/**
 * Runs the bridge to its end and returns what it printed (for start-up refusals). A bridge that
 * wrongly starts does not run on: it is stopped (SIGTERM) once its output matches `stopWhen`,
 * and killed after `deadlineMs` in any case. `command` replaces `node dist/node.js` (e.g. a
 * shell that execs it); `onSpawn` sees the child first.
 */
export function runToExit(
  env: Record<string, string>,
  opts: { deadlineMs?: number; command?: [string, ...string[]]; stopWhen?: RegExp; onSpawn?: (child: ChildProcessWithoutNullStreams) => void } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; ms: number; pid: number }> {
  const { deadlineMs = 10_000, command = [process.execPath, 'dist/node.js'], stopWhen, onSpawn } = opts;
  const started = performance.now();
  const [file, ...args] = command;
  const child = spawn(file, args, { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let out = '';
  let stopping = false;
  const onData = (c: Buffer) => {
    out += c;
    if (stopWhen && !stopping && stopWhen.test(out)) {
      stopping = true;
      signalGroup(child, 'SIGTERM');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), deadlineMs);
  onSpawn?.(child);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: out, ms: performance.now() - started, pid: child.pid! });
    }),
  );
}

/** Signals the bridge's process group (it was spawned detached); false when it is already gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false;
  }
}

export function stopBridge(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    if (!signalGroup(child, signal)) resolve(); // the group is already gone
  });
}
