// The fake ERPs inside workerd: handed to the bridge as its fetch (no sockets to a Node server).
// The bridge has one fetch for every target, so with both fakes it gets one that routes each
// request by its URL's host to the fake that owns it.
import { FakeD365 } from '../support/fake-d365.js';
import { FakeWebhookReceiver, routeByHost, type ServedErps, type ServedWebhook } from '../support/fake-webhook-receiver.js';

export async function inWorkerFakeWebhook(): Promise<ServedWebhook> {
  const fake = new FakeWebhookReceiver();
  return { fake, fetch: fake.fetch, stop: async () => {} };
}

export async function inWorkerFakeErps(): Promise<ServedErps> {
  const d365 = new FakeD365();
  const webhook = new FakeWebhookReceiver();
  const fetch = routeByHost({ [new URL(d365.url).host]: d365.fetch, [new URL(webhook.url).host]: webhook.fetch });
  return { d365, webhook, fetch, stop: async () => {} };
}
