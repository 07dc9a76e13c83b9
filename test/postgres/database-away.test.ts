// The PostgreSQL server goes away while the bridge runs (here: the TCP path to it is cut, as
// when it stops or fails over): deliveries are answered 503 with a sentence and Retry-After,
// never acknowledged unrecorded, and once it is back the bridge reconnects by itself.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, post, type Harness } from '../support/harness.js';
import { pgHarness, pgSkipped } from './pg-harness.js';

/** A TCP relay to the server that a test can cut (every connection dropped) and restore. */
function relay(to: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  return {
    port: () => port,
    async open() {
      server = createServer((client) => {
        const upstream = createConnection(to);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {}).on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    },
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}

describe.skipIf(pgSkipped)('the PostgreSQL server goes away and comes back', () => {
  let h: Harness;
  let path: ReturnType<typeof relay>;
  beforeEach(async () => {
    h = await pgHarness({
      via: async (url) => {
        const u = new URL(url);
        path = relay({ host: u.hostname, port: Number(u.port) });
        await path.open();
        u.port = String(path.port());
        return u.toString();
      },
    });
  });
  afterEach(() => h.close());

  it('answers 503 with a sentence while it is away, records nothing then, and takes deliveries again once it is back', async () => {
    expect((await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { serial: 'BEFORE' }))).status).toBe(200);
    await path.cut();
    const away = await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { serial: 'AWAY' }));
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe('5');
    expect(((await away.json()) as { message: string }).message).toMatch(/^The ledger's database \(PostgreSQL at 127\.0\.0\.1:\d+\/\w+\) does not answer, so nothing was recorded\. Send it again/);
    const ready = await h.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ database: 'unreachable' });
    await path.open(); // the same port: the server is back
    expect((await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { serial: 'AWAY' }))).status).toBe(200);
    expect((await allDeliveries(h)).map((d) => [d.serial, d.outcome])).toEqual([
      ['AWAY', 'accepted'],
      ['BEFORE', 'accepted'],
    ]);
  });
});
