// What a fake ERP answers when a test tells it to fail, and where its redirects point: the
// fake D365 and the fake webhook receiver share both.

export type FakeAnswer = {
  status: number;
  retryAfter?: string;
  body?: string;
  /** A Location header (with a 3xx: a redirect, e.g. to movedUrl). */
  location?: string;
  /** answer only after this long */
  delayMs?: number;
};

/** Paths under this prefix stand for another host a redirect points to. */
export const MOVED = '/moved/';
