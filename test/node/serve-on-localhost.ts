// Serves a fake external system (web-standard Request -> Response) over real HTTP on localhost,
// so the Node suite exercises the bridge's real fetch, sockets, headers and body bytes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function serveOnLocalhost(handle: (request: Request) => Promise<Response>): Promise<{ origin: string; stop(): Promise<void> }> {
  let origin = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]);
    const answer = await handle(new Request(`${origin}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(await answer.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    stop: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
