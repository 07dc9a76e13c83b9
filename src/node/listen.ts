// Binds the HTTP server, resolving once it listens (or rejecting with the reason: a taken port
// is an error to explain, not a crash). Timeouts and connection caps (in all, and per client
// address) are explicit: Node's defaults let a slow or idle client hold a connection for minutes.
import { serve, type ServerType } from '@hono/node-server';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { NodeConfig } from '../config/node-config.js';
import { capConnectionsPerAddress } from './connections-per-address.js';

export interface Listening {
  port: number;
  close(done: () => void): void;
}

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

const CLOSING = Symbol('connection closing');
const PREVIOUS = Symbol('previous request on this connection');
type GuardedSocket = Socket & { [CLOSING]?: boolean; [PREVIOUS]?: Promise<void> };

/**
 * Requests pipelined on one connection are handled one after the other, and none after an
 * answer that closes the connection (a 413 leaves its body unread): a delivery that can never
 * be answered must not be recorded or posted either.
 */
function oneAtATimePerConnection(fetch: Fetch): Fetch {
  return async (request, env) => {
    const socket = (env as { incoming: IncomingMessage }).incoming.socket as GuardedSocket;
    const previous = socket[PREVIOUS];
    let done!: () => void;
    socket[PREVIOUS] = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      if (socket[CLOSING]) return new Response(null, { status: 503, headers: { connection: 'close' } }); // never sent: the connection is closing
      const res = await fetch(request, env);
      if (res.headers.get('connection')?.toLowerCase() === 'close') socket[CLOSING] = true;
      return res;
    } finally {
      done();
    }
  };
}

export function listen(fetch: Fetch, config: NodeConfig): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server: ServerType = serve({
      fetch: oneAtATimePerConnection(fetch),
      port: config.PORT,
      hostname: config.HOST,
      serverOptions: {
        headersTimeout: config.HEADERS_TIMEOUT_MS,
        requestTimeout: config.REQUEST_TIMEOUT_MS,
        keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
        // Node enforces the two timeouts above only when it checks, every 30 s by default.
        connectionsCheckingInterval: Math.min(1_000, config.HEADERS_TIMEOUT_MS),
      },
    });
    const http = server as Server;
    // While stopping, every answer closes its connection, so a sender on a kept-alive
    // connection can't keep the bridge busy and reconnects to whatever runs next.
    let closing = false;
    http.on('request', (_req, res) => {
      if (closing) res.setHeader('connection', 'close');
    });
    http.maxConnections = config.MAX_CONNECTIONS;
    if (!config.bridge.trustProxy) capConnectionsPerAddress(http, config.MAX_CONNECTIONS_PER_ADDRESS);
    http.keepAliveTimeout = config.KEEP_ALIVE_TIMEOUT_MS;
    http.once('error', reject);
    http.once('listening', () => {
      http.off('error', reject);
      resolve({
        port: (http.address() as AddressInfo).port,
        // Idle keep-alive connections go at once; a request in flight finishes, then its connection.
        close: (done) => {
          closing = true;
          http.close(() => done());
          http.closeIdleConnections();
        },
      });
    });
  });
}
