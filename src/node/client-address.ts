// Who is calling, on Node: the socket's address, or behind a trusted proxy the last hop it
// appended to X-Forwarded-For. Used for the wrong-token limit and in log lines.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { forwardedFor } from '../http/forwarded-for.js';

export function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string => {
    const forwarded = forwardedFor(c, trustProxy);
    if (forwarded) return forwarded;
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // no socket: app.request() in tests
    }
  };
}
