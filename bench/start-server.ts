// Starts a server for a bench in its own process (a .ts file through tsx, else plain node, as
// production runs dist/node.js) and resolves with the port it printed once listening.
import { spawn, type ChildProcess } from 'node:child_process';

export function startServer(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args[0]!.endsWith('.ts') ? ['--import', 'tsx', ...args] : args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const port = out.match(/(?:listening |listening on 127\.0\.0\.1:)(\d+)/)?.[1];
      if (port) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume(); // keep draining: the bridge logs a line per request
        resolve({ child, port: Number(port) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** SIGTERM, resolved once the process has exited (its lease and connections released). */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The fake D365 that answers at once (instant-d365.ts); stop() resolves with its counts. */
export async function startFakeD365() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/instant-d365.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (c: Buffer) => resolve(Number(/listening (\d+)/.exec(String(c))?.[1]))));
  const stop = () =>
    new Promise<{ received: number; outOfOrder: number; orders: number }>((resolve) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c));
      child.on('exit', () => resolve(JSON.parse(out.trim())));
      child.kill('SIGTERM');
    });
  return { url: `http://127.0.0.1:${port}`, stop };
}
