// Serves the fake webhook receiver over real HTTP on localhost (like fake-d365-server.ts), so the
// Node suite exercises the bridge's real fetch, headers and body bytes on the wire; and both fake
// ERPs at once, each on its own port, for a bridge posting to d365 and webhook.
import { FakeWebhookReceiver, type ServedErps, type ServedWebhook } from '../support/fake-webhook-receiver.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { serveOnLocalhost } from './serve-on-localhost.js';

export async function serveFakeWebhook(): Promise<ServedWebhook> {
  const fake = new FakeWebhookReceiver();
  const path = new URL(fake.url).pathname;
  const served = await serveOnLocalhost((request) => fake.handle(request));
  fake.url = `${served.origin}${path}`;
  return { fake, stop: served.stop };
}

/** Both fakes on their own ports: the bridge's real fetch reaches each by its URL. */
export async function serveFakeErps(): Promise<ServedErps> {
  const [d365, webhook] = await Promise.all([serveFakeD365(), serveFakeWebhook()]);
  return { d365: d365.fake, webhook: webhook.fake, stop: async () => void (await Promise.all([d365.stop(), webhook.stop()])) };
}
