// Next Plus can only be given a URL, so the ingest token rides in it (?token=...); a proxy or
// another sender may use Authorization: Bearer instead. Digests are compared so that neither
// the token's content nor its length leaks through timing.
import { createMiddleware } from 'hono/factory';
import { BridgeError } from './bridge-error.js';
import type { BridgeEnv } from './bridge-env.js';

const encoder = new TextEncoder();
const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function tokenFrom(authorization: string | undefined, query: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || query || undefined;
}

export function requireToken(token: string, refusal: string) {
  const expected = digest(token);
  return createMiddleware<BridgeEnv>(async (c, next) => {
    const given = tokenFrom(c.req.header('authorization'), c.req.query('token'));
    if (!given || !constantTimeEqual(await digest(given), await expected)) throw new BridgeError(401, refusal);
    await next();
  });
}
