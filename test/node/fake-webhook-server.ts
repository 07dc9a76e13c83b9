// Serves the fake webhook receiver over real HTTP on localhost (like fake-d365-server.ts), so the
// Node suite exercises the bridge's real fetch, headers and body bytes on the wire; and both fake
// ERPs at once, each on its own port, for a bridge posting to d365 and webhook.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeWebhookReceiver, type ServedErps, type ServedWebhook } from '../support/fake-webhook-receiver.js';
import { serveFakeD365 } from './fake-d365-server.js';

export async function serveFakeWebhook(): Promise<ServedWebhook> {
  const fake = new FakeWebhookReceiver();
  const path = new URL(fake.url).pathname;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]);
    const answer = await fake.handle(new Request(`${new URL(fake.url).origin}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(await answer.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    fake,
    stop: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** Both fakes on their own ports: the bridge's real fetch reaches each by its URL. */
export async function serveFakeErps(): Promise<ServedErps> {
  const [d365, webhook] = await Promise.all([serveFakeD365(), serveFakeWebhook()]);
  return { d365: d365.fake, webhook: webhook.fake, stop: async () => void (await Promise.all([d365.stop(), webhook.stop()])) };
}
