// The one place a domain error becomes an HTTP status. The ingest pipeline uses it to record
// the status a rejected delivery was answered with; onError uses it to answer.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainErrorKind } from '../core/domain-errors.js';

export const statusOf: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  'not-found': 404,
  disabled: 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media': 415,
  unprocessable: 422,
  // The IETF Idempotency-Key draft's answer to a key reused with a different body.
  'key-reused': 422,
  'rate-limited': 429,
  overloaded: 503,
};
