// What each fault test file (test/node/fault-*.test.ts) sets up the same way: a temp dir for
// its ledgers, fake D365s served on localhost, and built bridges (node dist/node.js), all of
// them stopped and removed after the file's tests, whatever those tests left running.
import { serveFakeD365 } from '../node/fake-d365-server.js';
import { bridgeFixture } from './bridge-fixture.js';
import type { FakeD365 } from './fake-d365.js';
import { stopBridge, type Started } from './spawn-bridge.js';

/** The figures behind docs/reliability.md; printed with FAULT_REPORT=1 so the suite's output stays quiet. */
export const report = (...lines: unknown[]) => process.env.FAULT_REPORT && console.log(...lines);

/** Call at a test file's top level: a bridge fixture (bridge-fixture.ts) plus fake D365s on localhost. */
export function faultFixture() {
  const { dir, start, afterBridges } = bridgeFixture('fault');

  async function fakeD365(latencyMs: number): Promise<FakeD365> {
    const served = await serveFakeD365();
    afterBridges(served.stop);
    served.fake.latencyMs = latencyMs;
    return served.fake;
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
