// Idempotency keys. A sender's own key (Idempotency-Key / webhook-id header) is trusted for
// good; without one, the body's fingerprint stands in for a short window only, because two
// identical bodies can be two real events (five screws attached, then five more).

const encoder = new TextEncoder();

/** JSON with object keys sorted, so key order and whitespace don't change the fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Keys are scoped to their endpoint. Next Plus keys keep their earlier, unprefixed form so
 * keys claimed before sources existed still hold (a header key is kept for good).
 */
export function dedupeScope(source: string, integration: string): string {
  return source === 'nextplus' ? integration : `${source}:${integration}`;
}

export async function fingerprintKey(scope: string, test: boolean, body: unknown): Promise<string> {
  const text = `${scope}\n${test ? 'test' : 'real'}\n${canonicalJson(body)}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return `fp:${hex}`;
}

export function headerKey(scope: string, key: string): string {
  return `hdr:${scope}:${key}`;
}

/** Claimed by the one remove that reverses an event, so it is reversed exactly once. */
export function reversalKey(originalDeliveryId: string): string {
  return `rev:${originalDeliveryId}`;
}
