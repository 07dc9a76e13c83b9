// A posting's last error as one line: what D365 or a receiver said, not the wrapping around it.
import { describe, expect, it } from 'vitest';
import { plural, someOf } from '../../src/core/plural.js';
import { errorHeadline } from '../../src/operations/error-headline.js';

describe('errorHeadline', () => {
  it("pulls D365's Message out of its JSON answer", () => {
    expect(errorHeadline('HTTP 400: {"Message":"Production order P1 is not started"}')).toBe('HTTP 400: Production order P1 is not started');
    expect(errorHeadline('HTTP 400: {"error":{"code":"","message":"Item SCREW does not exist."}}')).toBe('HTTP 400: Item SCREW does not exist.');
    expect(errorHeadline('HTTP 422: {"type":"about:blank","title":"Unprocessable","detail":"lot L1 is blocked"}')).toBe('HTTP 422: lot L1 is blocked');
  });

  it('finds the Message in an answer cut off mid-JSON (the stored excerpt is 300 characters)', () => {
    const cut = `HTTP 400: {"Message":"Posting period \\"2026-03\\" is closed","Details":"${'x'.repeat(400)}`.slice(0, 320);
    expect(errorHeadline(cut)).toBe('HTTP 400: Posting period "2026-03" is closed');
  });

  it("gives a webhook receiver's status and first line, an HTML page's title, a bare status", () => {
    expect(errorHeadline('HTTP 409: order P7 is closed\nat line 3\nmore detail')).toBe('HTTP 409: order P7 is closed');
    expect(errorHeadline('HTTP 502: <html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>')).toBe('HTTP 502: 502 Bad Gateway');
    expect(errorHeadline('HTTP 404')).toBe('HTTP 404');
  });

  it('keeps other failures as worded, drops the attempt counts of a give-up, and stays one short line', () => {
    expect(errorHeadline('could not reach D365: fetch failed')).toBe('could not reach D365: fetch failed');
    const a = errorHeadline('gave up after 41 attempts over 24 h: HTTP 503: {"Message":"Service unavailable"}');
    const b = errorHeadline('gave up after 40 attempts over 23.9 h: HTTP 503: {"Message":"Service unavailable"}');
    expect(a).toBe('gave up retrying: HTTP 503: Service unavailable');
    expect(b).toBe(a);
    expect(errorHeadline(`HTTP 400: {"Message":"${'long '.repeat(100)}"}`)!.length).toBeLessThanOrEqual(200);
    expect(errorHeadline(null)).toBeNull();
    expect(errorHeadline('  ')).toBeNull();
  });
});

describe('plural', () => {
  it('says "1 posting" and "40 postings", never "posting(s)"', () => {
    expect(plural(1, 'posting')).toBe('1 posting');
    expect(plural(0, 'posting')).toBe('0 postings');
    expect(plural(1200, 'failed posting')).toBe('1,200 failed postings');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(someOf(['P1', 'P2'])).toBe('P1, P2');
    expect(someOf(['P1', 'P2', 'P3', 'P4'], 2)).toBe('P1, P2 (and 2 more)');
  });
});
