// Per test: a fake D365 and a bridge configured to deliver to it; afterwards the fake must
// have seen nothing wrong, and both are closed. Shared by every case file that talks to D365.
import { afterEach, beforeEach, expect } from 'vitest';
import type { FakeD365, ServedFake } from './fake-d365.js';
import type { Harness, MakeHarness } from './harness.js';

export interface WithFakeD365 {
  d365: FakeD365;
  h: Harness;
  /** Another bridge on the same fake, with other settings (closed by the test itself). */
  makeWith(env: Record<string, string>): Promise<Harness>;
}

export function withFakeD365(
  make: MakeHarness,
  serveFake: () => Promise<ServedFake>,
  env: (d365: FakeD365) => Record<string, string>,
  ready: (t: WithFakeD365) => void,
) {
  let served: ServedFake;
  let h: Harness;
  beforeEach(async () => {
    served = await serveFake();
    const d365 = served.fake;
    const makeWith = (extra: Record<string, string>) => make({ env: d365.env(extra), fetch: served.fetch });
    h = await makeWith(env(d365));
    ready({ d365, h, makeWith });
  });
  afterEach(async () => {
    expect(served.fake.violations).toEqual([]);
    await h.close();
    await served.stop();
  });
}
