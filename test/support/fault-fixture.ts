// What each fault test file (test/node/fault-*.test.ts) sets up the same way: a temp dir for
// its ledgers, fake D365s served on localhost, and built bridges (node dist/node.js), all of
// them stopped and removed after the file's tests, whatever those tests left running.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { serveFakeD365 } from '../node/fake-d365-server.js';
import type { FakeD365, ServedFake } from './fake-d365.js';
import { startBridge, stopBridge, type Started } from './spawn-bridge.js';

/** The figures behind docs/reliability.md; printed with FAULT_REPORT=1 so the suite's output stays quiet. */
export const report = (...lines: unknown[]) => process.env.FAULT_REPORT && console.log(...lines);

/** Call at a test file's top level: registers the cleanup with that file's afterAll. */
export function faultFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-fault-'));
  const running: ChildProcess[] = [];
  const fakes: ServedFake[] = [];

  afterAll(async () => {
    await Promise.all(running.map((c) => stopBridge(c, 'SIGKILL')));
    await Promise.all(fakes.map((f) => f.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function fakeD365(latencyMs: number): Promise<FakeD365> {
    const served = await serveFakeD365();
    fakes.push(served);
    served.fake.latencyMs = latencyMs;
    return served.fake;
  }

  async function start(env: Record<string, string>): Promise<Started> {
    const s = await startBridge(env);
    running.push(s.child);
    return s;
  }

  return { dir, fakeD365, start };
}

/** The bridge's settings: D365 as the only target, quick retries and dispatch, its own ledger. */
export const bridgeEnv = (fake: FakeD365, databasePath: string, extra: Record<string, string> = {}) => ({
  ...fake.env({ ERP_TARGETS: 'd365', RETRY_BASE_MS: '50', RETRY_MAX_MS: '200', DISPATCH_INTERVAL_MS: '100', DISPATCH_CONCURRENCY: '4' }),
  DATABASE_PATH: databasePath,
  ...extra,
});

/** Stops a bridge and returns how it ended. */
export async function stop(s: Started, signal: NodeJS.Signals) {
  const t = performance.now();
  await stopBridge(s.child, signal);
  return { code: s.child.exitCode, signal: s.child.signalCode, ms: Math.round(performance.now() - t) };
}
