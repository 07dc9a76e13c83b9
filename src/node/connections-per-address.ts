// One client must not take every connection: past MAX_CONNECTIONS_PER_ADDRESS open sockets
// from one address, its new ones are closed at once, before a byte is read, and other
// addresses (the MES lines) are served as before. An MES line needs a handful of connections;
// the cap is far above that. Behind a reverse proxy every socket comes from the proxy, so
// there the cap is the proxy's job (per-IP limits: docs/deployment.md) and is not applied here.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export function capConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address); // the map holds only addresses with open sockets
    });
  });
}
