// The errors the core raises on purpose. Each says, in words for the person who has to act
// (an operator at a station, an integrator), what was wrong and what to do; none knows HTTP.
// http/error-status.ts maps each kind to a status in one place.

export type DomainErrorKind =
  /** The body could not be read as an event, or a field is wrong (fix it in the MES, resend). */
  | 'invalid'
  /** The body is not JSON (Content-Type), or not in a character set the bridge reads. */
  | 'unsupported-media'
  /** Larger than the bridge accepts. */
  | 'too-large'
  /** The token is missing or wrong. */
  | 'unauthorized'
  /** Too many wrong tokens from one address: wait `retryAfterSeconds`. */
  | 'rate-limited'
  /** No such thing (a posting number, an event id). */
  | 'not-found'
  /** Valid, but it refers to something the bridge does not have, or can't be posted as it is. */
  | 'unprocessable'
  /** Valid, but it clashes with what the ledger holds (another integration's event, a state). */
  | 'conflict'
  /** A sender's idempotency key already used for another body: a new event needs a new key. */
  | 'key-reused'
  /** A source that is switched off (SOURCES). */
  | 'disabled'
  /** Too much is being received at once (MAX_BYTES_IN_FLIGHT): send it again after `retryAfterSeconds`. */
  | 'overloaded';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** For rate-limited and overloaded: when to come back. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string) => new DomainError('invalid', message);
export const unprocessable = (message: string) => new DomainError('unprocessable', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const notFound = (message: string) => new DomainError('not-found', message);
