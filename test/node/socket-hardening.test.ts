// What only real sockets show: an oversize body must not take the next delivery on the same
// keep-alive connection with it, slow clients are cut off, one address can't take every
// connection, a client that hangs up is no error, and no token reaches the log, however it was sent.
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseNodeConfig } from '../../src/config/node-config.js';
import { nodeClientAddress } from '../../src/node/client-address.js';
import { listen, type Listening } from '../../src/node/listen.js';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries } from '../support/harness.js';
import { quietLogger, type QuietLogger } from '../support/quiet-logger.js';
import { nodeHarness, type NodeHarness } from './node-harness.js';

let h: NodeHarness;
let server: Listening;
let logger: QuietLogger;

async function serveBridge(env: Record<string, string> = {}) {
  logger = quietLogger();
  h = await nodeHarness({ logger, env: { MAX_BODY_BYTES: '2048', ...env } });
  const config = parseNodeConfig({ PORT: '0', HOST: '127.0.0.1', HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000', ...env });
  server = await listen(createApp({ ...h.deps, clientAddress: nodeClientAddress(false) }).fetch, config);
  return `http://127.0.0.1:${server.port}`;
}

afterEach(async () => {
  await new Promise<void>((r) => server.close(r));
  await h.close();
});

/** Opens a raw connection, writes `data`, and resolves with all it receives until the server closes it. */
function raw(port: number, data: string | Buffer, opts: { destroyAfterMs?: number; giveUpMs?: number } = {}) {
  return new Promise<{ text: string; closedByServer: boolean }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (closedByServer: boolean) => resolve({ text, closedByServer });
    socket.on('data', (d) => (text += d));
    socket.on('close', () => done(true));
    socket.on('error', () => {});
    socket.write(data);
    if (opts.destroyAfterMs !== undefined) setTimeout(() => socket.destroy(), opts.destroyAfterMs);
    setTimeout(() => {
      socket.destroy();
      done(false);
    }, opts.giveUpMs ?? 8_000);
  });
}

const post = (base: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${base}/nextplus/device?token=${h.token}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);

describe('oversize bodies and keep-alive', () => {
  it('answers 413 with Connection: close, so the next delivery on the connection is answered and recorded (20 of 20)', async () => {
    const base = await serveBridge();
    for (let round = 0; round < 20; round++) {
      const big = await post(base, JSON.stringify(realEvent('device-add', { padding: 'x'.repeat(10_000) })));
      expect(big.status).toBe(413);
      expect(big.headers.get('connection')).toBe('close');
      await big.text();
      const small = await post(base, JSON.stringify(realEvent('device-add')));
      expect(small.status, `round ${round}`).toBe(200);
    }
    const rows = await allDeliveries(h);
    expect(rows.filter((r) => r.outcome === 'accepted')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 413)).toHaveLength(20);
  });

  it('processes nothing pipelined behind an oversize body: what would never be answered is not recorded either', async () => {
    await serveBridge();
    const small = JSON.stringify(realEvent('device-add'));
    const request = (body: string) =>
      `POST /nextplus/device?token=${h.token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const { text } = await raw(server.port, request('x'.repeat(10_000)) + request(small), { giveUpMs: 2_000 });
    expect(text.match(/^HTTP\/1\.1 \d+/gm)).toEqual(['HTTP/1.1 413']);
    await new Promise((r) => setTimeout(r, 200));
    expect((await allDeliveries(h)).map((r) => r.status)).toEqual([413]);
  });

  it('refuses an oversize chunked body (no Content-Length) the same way', async () => {
    const base = await serveBridge();
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        c.close();
      },
    });
    const res = await post(base, chunks);
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect((await post(base, JSON.stringify(realEvent('device-add')))).status).toBe(200);
  });
});

describe('slow and vanishing clients', () => {
  it('cuts off a client that never finishes its headers, and keeps serving others', async () => {
    const base = await serveBridge();
    const slow = await raw(server.port, 'POST /nextplus/device HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n');
    expect(slow.closedByServer).toBe(true);
    expect(slow.text === '' || /^HTTP\/1\.1 408/.test(slow.text)).toBe(true);
    expect((await post(base, JSON.stringify(realEvent('device-add')))).status).toBe(200);
  });

  it('treats a client hanging up mid-body as no error of its own', async () => {
    const base = await serveBridge();
    await raw(server.port, `POST /nextplus/device?token=${h.token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"a`, { destroyAfterMs: 100, giveUpMs: 500 });
    await new Promise((r) => setTimeout(r, 300));
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect((await post(base, JSON.stringify(realEvent('device-add')))).status).toBe(200);
  });
});

/** Idle sockets from 127.0.0.1: resolves with them, and which the server closed within `waitMs`. */
async function idleSockets(port: number, n: number, waitMs = 300) {
  const sockets: Socket[] = [];
  const closed = new Set<Socket>();
  for (let i = 0; i < n; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.on('close', () => closed.add(s));
    await new Promise<void>((r) => s.once('connect', () => r()).once('close', () => r()));
    sockets.push(s);
  }
  await new Promise((r) => setTimeout(r, waitMs));
  return { sockets, closed };
}

/** A delivery from another client address (127.0.0.2: Linux answers all of 127/8 on loopback). */
function postFrom(localAddress: string, port: number, body: string) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, localAddress, method: 'POST', path: `/nextplus/device?token=${h.token}`, headers: { 'content-type': 'application/json' }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('connections per client address', () => {
  it('closes new sockets from an address past MAX_CONNECTIONS_PER_ADDRESS at once; other addresses are served, and the address again once it lets go', async () => {
    await serveBridge({ MAX_CONNECTIONS_PER_ADDRESS: '20', HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '20000' });
    const { sockets, closed } = await idleSockets(server.port, 30);
    expect(closed.size).toBe(10);
    expect(sockets.slice(0, 20).every((s) => !closed.has(s))).toBe(true);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => postFrom('127.0.0.2', server.port, JSON.stringify(realEvent('device-add')))));
    expect(statuses).toEqual(Array(10).fill(200));
    expect(await postFrom('127.0.0.1', server.port, JSON.stringify(realEvent('device-add'))).catch(() => 'refused')).toBe('refused');
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await postFrom('127.0.0.1', server.port, JSON.stringify(realEvent('device-add')))).toBe(200);
    const rows = await allDeliveries(h);
    expect(rows.map((r) => r.status)).toEqual(Array(11).fill(200));
  });

  it('leaves the cap to the proxy with TRUST_PROXY (every socket is the proxy\'s)', async () => {
    await serveBridge({ MAX_CONNECTIONS_PER_ADDRESS: '20', TRUST_PROXY: 'true', HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '20000' });
    const { sockets, closed } = await idleSockets(server.port, 30);
    expect(closed.size).toBe(0);
    for (const s of sockets) s.destroy();
  });
});

describe('tokens and the log', () => {
  it('never logs a token, even one percent-encoded into the path, and warns once about a flood with its address', async () => {
    const base = await serveBridge({ LOG_REQUESTS: 'true', AUTH_FAILURES_PER_MINUTE: '3' });
    await fetch(`${base}/nextplus/device%3Ftoken=${h.token}`, { method: 'POST', body: '{}' });
    await fetch(`${base}/nextplus/device%3ftoken%3dSECRETVALUE123`, { method: 'POST', body: '{}' });
    for (let i = 0; i < 6; i++) await fetch(`${base}/nextplus/device?token=wrong-${i}-0123456789`, { method: 'POST', body: '{}' });
    await post(base, JSON.stringify(realEvent('device-add')));
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain(h.token);
    expect(text).not.toContain('SECRETVALUE123');
    expect(text).not.toMatch(/wrong-\d-0123456789/);
    const warnings = logger.lines.filter((l) => l.level === 'warn' && /too many wrong tokens/.test(l.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ address: '127.0.0.1', where: 'ingest' });
  });
});
