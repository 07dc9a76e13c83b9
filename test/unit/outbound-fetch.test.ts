import { describe, expect, it } from 'vitest';
import { readAnswer, redirectOf } from '../../src/targets/outbound-fetch.js';
import { hugeBody, type StreamedBody } from '../support/huge-body.js';

const bytes = (n: number) => new Uint8Array(n).fill(0x61);

describe('readAnswer', () => {
  it('reads a small answer whole, up to exactly the limit', async () => {
    expect(await readAnswer(new Response('{"ok":true}'))).toEqual({ text: '{"ok":true}', complete: true });
    expect(await readAnswer(new Response(bytes(16)), 16)).toEqual({ text: 'a'.repeat(16), complete: true });
    expect(await readAnswer(new Response(null, { status: 204 }))).toEqual({ text: '', complete: true });
  });

  it('stops at the limit and cancels the rest of an endless answer', async () => {
    const stats: StreamedBody = { pulled: 0, cancelled: false };
    const answer = await readAnswer(new Response(hugeBody(Number.MAX_SAFE_INTEGER, stats)), 4096);
    expect(answer).toEqual({ text: 'x'.repeat(4096), complete: false });
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThanOrEqual(128 * 1024);
  });

  it('drops a character the limit cuts in two instead of throwing', async () => {
    const answer = await readAnswer(new Response('€'.repeat(10)), 8); // 3 bytes each: the third is cut
    expect(answer).toEqual({ text: '€€', complete: false });
  });
});

describe('redirectOf', () => {
  it('names the Location of a 3xx, and nothing for any other answer', () => {
    expect(redirectOf(new Response(null, { status: 302, headers: { location: 'https://other.example/x' } }))).toBe('https://other.example/x');
    expect(redirectOf(new Response(null, { status: 307 }))).toBe('no Location');
    expect(redirectOf(new Response('ok', { status: 200, headers: { location: 'https://other.example/x' } }))).toBeUndefined();
    expect(redirectOf(new Response('no', { status: 404 }))).toBeUndefined();
  });
});
