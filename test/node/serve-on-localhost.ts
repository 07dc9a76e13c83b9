// Serves a fake external system (web-standard Request -> Response) over real HTTP on localhost,
// so the Node suite exercises the bridge's real fetch, sockets, headers and body bytes. The
// answer's body is streamed as the client reads it, and cancelled when the client hangs up, so
// a fake can answer with a body larger than anyone should read. A fake that throws instead of
// answering has its connection destroyed, so the client's fetch fails as on a network error.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  origin: string;
  stop(): Promise<void>;
  /** Stops listening (connections are refused: ECONNREFUSED) until resume(), on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export async function serveOnLocalhost(handle: (request: Request) => Promise<Response>): Promise<Served> {
  let origin = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]);
    let answer: Response;
    try {
      answer = await handle(new Request(`${origin}${req.url}`, { method: req.method, headers, body }));
    } catch {
      // A fake that throws drops the connection (a crash, a refused or reset connection).
      return void res.destroy();
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    await streamTo(res, answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    pause: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
    resume: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', r)),
    stop: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

async function streamTo(res: ServerResponse, body: ReadableStream<Uint8Array> | null) {
  if (!body) return void res.end();
  const reader = body.getReader();
  let gone = false;
  res.once('close', () => {
    gone = true;
    void reader.cancel().catch(() => {});
  });
  while (!gone) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) return void res.end();
    if (!res.write(value)) await drainedOrGone(res);
  }
}

function drainedOrGone(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
