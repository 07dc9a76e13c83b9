// Serves the fake D365 over real HTTP on localhost, so the Node suite exercises the bridge's
// real fetch, sockets and timeouts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeD365, type ServedFake } from '../support/fake-d365.js';

export async function serveFakeD365(): Promise<ServedFake> {
  const fake = new FakeD365();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]);
    const answer = await fake.handle(new Request(`${fake.url}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(await answer.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fake,
    stop: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
