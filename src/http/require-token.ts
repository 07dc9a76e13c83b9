// Next Plus can only be given a URL, so the ingest token rides in it (?token=...); a proxy or
// another sender may use Authorization: Bearer instead. The comparison takes the same time
// whatever the content: it always walks the expected token's full length.
import { createMiddleware } from 'hono/factory';
import { BridgeError } from './bridge-error.js';
import type { BridgeEnv } from './bridge-env.js';

const encoder = new TextEncoder();

/** Compares `given` to `expected` in time that depends only on expected's length. */
export function constantTimeEqual(given: Uint8Array, expected: Uint8Array): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given[i] ?? 0) ^ expected[i]!;
  return diff === 0;
}

export function tokenFrom(authorization: string | undefined, query: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || query || undefined;
}

export function requireToken(token: string, refusal: string) {
  const expected = encoder.encode(token);
  return createMiddleware<BridgeEnv>(async (c, next) => {
    const given = tokenFrom(c.req.header('authorization'), c.req.query('token'));
    if (!given || !constantTimeEqual(encoder.encode(given), expected)) throw new BridgeError(401, refusal);
    await next();
  });
}
