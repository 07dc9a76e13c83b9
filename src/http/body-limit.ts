// Every body the bridge reads has a limit, checked as it streams in (hono's bodyLimit: a
// declared Content-Length past it is refused unread; a chunked body is read only up to it).
// The console's sign-in and buttons carry a few fields; the edit form and the admin API carry
// one D365 message, which the bridge built from a delivery of at most MAX_BODY_BYTES.
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../core/domain-errors.js';

/** Sign-in, the buttons' forms (name, token, CSRF token, where to go back to). */
export const SMALL_FORM_BYTES = 8 * 1024;

/**
 * An edited message as a form field: percent-encoding can triple every byte of the JSON, and
 * an operator may add to what the bridge built; the rest of the form is small.
 */
export const editFormBytes = (maxBodyBytes: number) => 3 * maxBodyBytes + SMALL_FORM_BYTES;

/** An admin API JSON body: one message's content (escapes may lengthen it), or nothing. */
export const adminJsonBytes = (maxBodyBytes: number) => 2 * maxBodyBytes + SMALL_FORM_BYTES;

/** Refuses (413, in words, and the connection closed: see error-handlers.ts) a body past `maxBytes`. */
export function limitBody(maxBytes: number, what: string) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new DomainError('too-large', `The ${what} is larger than the bridge accepts (${maxBytes} bytes), so it was not read.`);
    },
  });
}
