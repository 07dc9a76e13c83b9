// Per test: a fake webhook receiver (or it and a fake D365) and a bridge configured to post to
// it; the receiver verifies at the bridge's clock. Afterwards the fakes must have seen nothing
// wrong, and everything is closed. Like with-fake-d365.ts, for the webhook and fan-out cases.
import { afterEach, beforeEach, expect } from 'vitest';
import type { FakeD365 } from './fake-d365.js';
import type { FakeWebhookReceiver, ServedErps, ServedWebhook } from './fake-webhook-receiver.js';
import type { Harness, MakeHarness } from './harness.js';

export interface WithFakeWebhook {
  webhook: FakeWebhookReceiver;
  h: Harness;
  /** Another bridge on the same receiver, with other settings; the receiver now verifies at its clock (closed by the test). */
  makeWith(env: Record<string, string>): Promise<Harness>;
}

export function withFakeWebhook(make: MakeHarness, serve: () => Promise<ServedWebhook>, env: () => Record<string, string>, ready: (t: WithFakeWebhook) => void) {
  let served: ServedWebhook;
  let h: Harness;
  beforeEach(async () => {
    served = await serve();
    const webhook = served.fake;
    const makeWith = async (extra: Record<string, string>) => {
      const other = await make({ env: webhook.env(extra), fetch: served.fetch });
      webhook.clock = other.clock;
      return other;
    };
    h = await makeWith(env());
    ready({ webhook, h, makeWith });
  });
  afterEach(async () => {
    expect(served.fake.violations).toEqual([]);
    await h.close();
    await served.stop();
  });
}

export interface WithFakeErps {
  d365: FakeD365;
  webhook: FakeWebhookReceiver;
  h: Harness;
}

/** Both fakes, the bridge posting to d365 and webhook (ERP_TARGETS=d365,webhook). */
export function withFakeErps(make: MakeHarness, serve: () => Promise<ServedErps>, env: () => Record<string, string>, ready: (t: WithFakeErps) => void) {
  let served: ServedErps;
  let h: Harness;
  beforeEach(async () => {
    served = await serve();
    const { d365, webhook } = served;
    h = await make({ env: { ...d365.env(), ...webhook.env(), ERP_TARGETS: 'd365,webhook', ...env() }, fetch: served.fetch });
    webhook.clock = h.clock;
    ready({ d365, webhook, h });
  });
  afterEach(async () => {
    expect(served.d365.violations).toEqual([]);
    expect(served.webhook.violations).toEqual([]);
    await h.close();
    await served.stop();
  });
}
