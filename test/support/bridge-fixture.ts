// What a test file that runs built bridges (node dist/node.js) sets up the same way: a temp dir
// for its ledgers, and every bridge it starts stopped, and the dir removed, after the file's
// tests, whatever those tests left running (a failed expect included).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startBridge, stopBridge, type Started } from './spawn-bridge.js';

/** Call at a test file's top level: registers the cleanup with that file's afterAll. `baseEnv` goes to every start. */
export function bridgeFixture(prefix: string, baseEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `bridge-${prefix}-`));
  const running: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  afterAll(async () => {
    await Promise.all(running.map((c) => stopBridge(c, 'SIGKILL')));
    await Promise.all(cleanups.map((f) => f()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<Started> {
    const s = await startBridge({ ...baseEnv, ...env });
    running.push(s.child);
    return s;
  }

  /** Runs `f` after the file's tests, once its bridges are stopped (e.g. a fake's server). */
  const afterBridges = (f: () => Promise<void>) => void cleanups.push(f);

  return { dir, start, afterBridges };
}
