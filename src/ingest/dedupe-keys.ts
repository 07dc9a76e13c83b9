// Idempotency keys. A sender's own key (Idempotency-Key / webhook-id header) is trusted for
// good; without one, the body's fingerprint stands in for a short window only, because two
// identical bodies can be two real events (five screws attached, then five more).
//
// Every key is its parts written as a JSON array, so no choice of names (a "|" or ":" in a
// work order, a newline in a key) makes two different keys alike. Test and real deliveries
// never share a key: a Test-button delivery must not swallow the real one that reuses its key.

const encoder = new TextEncoder();

export interface KeyScope {
  source: string;
  integration: string;
  test: boolean;
}

const parts = (s: KeyScope) => [s.source, s.integration, s.test ? 'test' : 'real'];

/**
 * The event as the fingerprint sees it: the validated event (what the postings are built from)
 * with text trimmed and in NFC, null the same as absent, and object keys sorted, so "SN" and
 * "SN ", "Café" in either Unicode form, and a null stockId or none are one body.
 */
function normalisedJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.trim().normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map(normalisedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${normalisedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** What a reused sender key's body is compared by: the normalised event, nothing else. */
export const bodyFingerprint = (event: unknown) => sha256Hex(normalisedJson(event));

export async function fingerprintKey(scope: KeyScope, event: unknown): Promise<string> {
  return `fp:${await sha256Hex(JSON.stringify([...parts(scope), normalisedJson(event)]))}`;
}

export function headerKey(scope: KeyScope, key: string): string {
  return `hdr:${JSON.stringify([...parts(scope), key])}`;
}

/** Claimed by the one remove that reverses an event, so it is reversed exactly once. */
export function reversalKey(originalDeliveryId: string): string {
  return `rev:${originalDeliveryId}`;
}

// Keys as earlier versions wrote them, still held in ledgers for good (header keys, Proficy
// fingerprints): checked, never written. The header key had no test/real part; the fingerprint
// was taken over the body as parsed, before validation.

/** JSON with object keys sorted, as the fingerprint of earlier versions wrote a body. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Next Plus keys had no source part (they predate sources). */
const legacyScope = (s: KeyScope) => (s.source === 'nextplus' ? s.integration : `${s.source}:${s.integration}`);

export const legacyHeaderKey = (scope: KeyScope, key: string) => `hdr:${legacyScope(scope)}:${key}`;

export async function legacyFingerprintKey(scope: KeyScope, input: unknown): Promise<string> {
  return `fp:${await sha256Hex(`${legacyScope(scope)}\n${scope.test ? 'test' : 'real'}\n${sortedJson(input)}`)}`;
}
