// Starts the built bridge (`node dist/node.js`, built once by test/node/build-once.ts) as a
// child process on a free port, the way production runs it, and waits for the URLs it prints.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Started {
  child: ChildProcess;
  /** Every URL line of the banner, by its label ("Device/Serial", "Operation Completed", …). */
  urls: Record<string, string>;
  /** The bridge's base URL, e.g. http://127.0.0.1:41234 */
  base: string;
  output: () => string;
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
      const urls = Object.fromEntries([...out.matchAll(/^ {2}(\S.*?)\s{2,}(http\S+)$/gm)].map((m) => [m[1]!.trim(), m[2]!]));
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

/** Runs the bridge to its end and returns what it printed (for start-up refusals). */
export function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/node.js'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output: out })));
}

export function stopBridge(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, signal);
    } catch {
      resolve(); // the group is already gone
    }
  });
}
