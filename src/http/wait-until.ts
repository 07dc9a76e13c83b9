// Background work that must outlive the response (delivery after an answer, on Workers).
import type { Context } from 'hono';

/** A Worker's waitUntil, so background delivery outlives the response; undefined on Node. */
export function waitUntilOf(c: Context): ((p: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return undefined; // Hono throws when the runtime has no execution context
  }
}
