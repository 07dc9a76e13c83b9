// The client's address as a trusted reverse proxy reports it; each runtime falls back to what
// it knows itself (Node: the socket; Workers: CF-Connecting-IP).
import type { Context } from 'hono';

/** Behind a trusted proxy, the client is the last address it appended to X-Forwarded-For. */
export function forwardedFor(c: Context, trustProxy: boolean): string | undefined {
  if (!trustProxy) return undefined;
  return c.req.header('x-forwarded-for')?.split(',').pop()?.trim() || undefined;
}
