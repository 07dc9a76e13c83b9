// Reads a delivery's body the careful way, before anything else looks at it: JSON by its
// Content-Type, no larger than MAX_BODY_BYTES (declared or streamed), strict UTF-8 (a Latin-1
// body is refused, not silently turned into U+FFFD), nested no deeper than MAX_DEPTH (deeper is
// no event: the pipeline's parse-json.ts checks that), and a JSON object (likewise). The
// bytes read count against the budget of all deliveries in flight (bytes-in-flight.ts). HTTP's
// side of a delivery: the pipeline gets the text, and the problem to record if there is one.
import { DomainError, invalid } from '../core/domain-errors.js';
import type { BodyBudgetLease } from './bytes-in-flight.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

interface BodyText {
  /** The body as text (lossy where it isn't UTF-8), for the record. */
  text: string;
  /** Why it can't be used, if it can't. */
  problem?: DomainError;
}

/** The body as text; `problem` says why it is refused (it is still kept, for the record). */
export async function readBodyText(request: Request, maxBytes: number, label: string, budget?: BodyBudgetLease): Promise<BodyText> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return { text: '', problem: tooLarge(maxBytes) };
  // A declared length is held at once, so a flood of large bodies is shed before any is read.
  if (budget && declared > 0 && !budget.holdUpTo(declared)) return { text: '', problem: overloaded() };
  const bytes = await readAtMost(request, maxBytes, budget);
  if (bytes instanceof DomainError) return { text: '', problem: bytes };
  const lossy = new TextDecoder().decode(bytes);
  const contentType = request.headers.get('content-type') ?? '';
  const [mediaType = '', ...params] = contentType.split(';').map((p) => p.trim());
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    return {
      text: lossy,
      problem: new DomainError('unsupported-media', `The ${label} delivery was not sent as JSON (Content-Type: ${mediaType || 'none'}). Send it with Content-Type: application/json.`),
    };
  }
  const charset = params.find((p) => /^charset=/i.test(p))?.slice(8).replace(/"/g, '').toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    return { text: lossy, problem: new DomainError('unsupported-media', `The ${label} delivery is declared as ${charset}; the bridge reads JSON in UTF-8 only. Send it as UTF-8 (Content-Type: application/json; charset=utf-8).`) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    return { text: lossy, problem: invalid(`The ${label} delivery is not valid UTF-8 text (byte ${at} is 0x${bytes[at]?.toString(16).padStart(2, '0')}, perhaps Latin-1), so nothing was posted. Send it as UTF-8.`) };
  }
}

const tooLarge = (max: number) =>
  new DomainError('too-large', `The delivery is larger than the bridge accepts (${max} bytes), so nothing was posted. Check what the integration sends.`);

/** How long a shed delivery is asked to wait: bodies in flight are read in seconds. */
const OVERLOADED_RETRY_AFTER_SECONDS = 5;
const overloaded = () =>
  new DomainError(
    'overloaded',
    `The bridge is busy receiving other deliveries (more bytes at once than MAX_BYTES_IN_FLIGHT allows), so this one was not read and nothing was posted. Send it again in ${OVERLOADED_RETRY_AFTER_SECONDS} s.`,
    OVERLOADED_RETRY_AFTER_SECONDS,
  );

/** The body's bytes, or why reading stopped (more than `max`, or the budget spent); the rest is not read. */
async function readAtMost(request: Request, max: number, budget?: BodyBudgetLease): Promise<Uint8Array | DomainError> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    const problem = size > max ? tooLarge(max) : budget && !budget.holdUpTo(size) ? overloaded() : undefined;
    if (problem) {
      await reader.cancel().catch(() => {});
      return problem;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** Where the first byte that can't start or continue a UTF-8 character is (to point at it). */
function firstInvalidByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return 0; // only overlong forms or surrogates are wrong; point at the start
}
