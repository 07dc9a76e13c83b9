// Input that used to slip through or crash: nesting deep enough to exhaust the stack, bytes that
// are not UTF-8, numbers JSON turns into Infinity or denormals, control characters and broken
// surrogates. Each is refused with a sentence, and recorded like every refusal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';

/** `text` as UTF-8, with each marker's bytes replaced by one raw byte (e.g. é by Latin-1's 0xe9). */
const bytesOf = (text: string, bad: Record<string, number>) => {
  let bytes = [...new TextEncoder().encode(text)];
  for (const [marker, byte] of Object.entries(bad)) {
    const m = [...new TextEncoder().encode(marker)];
    const at = bytes.findIndex((_, i) => m.every((b, k) => bytes[i + k] === b));
    if (at < 0) throw new Error(`${marker} is not in the text`);
    bytes = [...bytes.slice(0, at), byte, ...bytes.slice(at + m.length)];
  }
  return new Uint8Array(bytes);
};

export function inputLimitCases(make: MakeHarness) {
  describe('input limits', () => {
    let h: Harness;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    const send = (path: string, body: BodyInit, contentType = 'application/json') =>
      h.request(`${path}?token=${h.token}`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const message = async (res: Response) => ((await res.json()) as { message: string }).message;

    it('refuses JSON nested thousands deep with a sentence, and records it with its body', async () => {
      const deep = `{"type":"add","x":${'['.repeat(3000)}${']'.repeat(3000)}}`;
      for (const path of ['/nextplus/device', '/proficy/operation-completed']) {
        const res = await send(path, deep);
        expect(res.status).toBe(400);
        expect(await message(res)).toMatch('nested deeper than 64 levels');
      }
      const rows = await allDeliveries(h);
      expect(rows.map((r) => [r.outcome, r.status])).toEqual([['rejected', 400], ['rejected', 400]]);
      expect(rows[0]!.rawBody).toHaveLength(deep.length);
    });

    it('takes nesting up to 64 levels in an unknown field, and refuses 65', async () => {
      const nested = (levels: number) => JSON.stringify(realEvent('device-add', { extra: JSON.parse(`${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}`) }));
      expect((await send('/nextplus/device', nested(64))).status).toBe(200);
      expect((await send('/nextplus/device', nested(65))).status).toBe(400);
    });

    it('refuses bytes that are not UTF-8, naming the problem, and records them', async () => {
      const latin1 = bytesOf(JSON.stringify(realEvent('device-add', { sku: 'Café' })), { é: 0xe9 });
      const res = await send('/nextplus/device', latin1);
      expect(res.status).toBe(400);
      expect(await message(res)).toMatch(/not valid UTF-8 text \(byte \d+ is 0xe9, perhaps Latin-1\)/);
      const ff = bytesOf(JSON.stringify(realEvent('device-add', { sku: 'AB' })), { B: 0xff });
      expect((await send('/nextplus/device', ff)).status).toBe(400);
      const rows = await allDeliveries(h);
      expect(rows.map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
      expect(rows.some((r) => r.rawBody?.includes('Caf\ufffd'))).toBe(true);
    });

    it('honours the declared charset: UTF-8 (and a BOM) taken, any other refused', async () => {
      const body = JSON.stringify(realEvent('device-add'));
      expect((await send('/nextplus/device', body, 'application/json; charset=utf-8')).status).toBe(200);
      expect((await send('/nextplus/device', `\ufeff${JSON.stringify(realEvent('device-add'))}`)).status).toBe(200);
      const latin = await send('/nextplus/device', JSON.stringify(realEvent('device-add')), 'application/json; charset=iso-8859-1');
      expect(latin.status).toBe(415);
      expect(await message(latin)).toMatch('declared as iso-8859-1; the bridge reads JSON in UTF-8 only');
    });

    it('refuses numbers no quantity can be, and rounds float noise', async () => {
      const huge = await send('/nextplus/item-attach', JSON.stringify(realEvent('item-attach-add')).replace('"quantity":5', '"quantity":1e309'));
      expect(huge.status).toBe(400);
      expect(await message(huge)).toMatch('item.quantity must be a number no larger than 1e308 (got a number too large to use)');
      for (const tiny of ['5e-324', '1e-7']) {
        const res = await send('/nextplus/item-attach', JSON.stringify(realEvent('item-attach-add')).replace('"quantity":5', `"quantity":${tiny}`));
        expect(res.status).toBe(400);
        expect(await message(res)).toMatch('item.quantity must have at most 6 decimal places');
      }
      const noisy = await send('/nextplus/item-attach', JSON.stringify(realEvent('item-attach-add')).replace('"quantity":5', '"quantity":0.30000000000000004'));
      expect(noisy.status).toBe(200);
      const [p] = await allPostings(h);
      expect(JSON.parse(p!.content).PickingListLines[0].ConsumptionBOMQuantity).toBe(0.3);
    });

    it('refuses text with control characters or broken surrogates', async () => {
      for (const bad of ['"SKU\\u0000X"', '"SKU\\ud800"', '"SKU\\u001b[31m"']) {
        const res = await send('/nextplus/device', JSON.stringify(realEvent('device-add')).replace('"sku":"DEVICE-SKU"', `"sku":${bad}`));
        expect(res.status, bad).toBe(400);
        expect(await message(res)).toMatch('sku must be plain text');
      }
      expect((await allDeliveries(h)).every((d) => d.outcome === 'rejected')).toBe(true);
    });

    it('answers every JSON response with nosniff and friends', async () => {
      const ok = await post(h, '/nextplus/device', realEvent('device-add'));
      const bad = await post(h, '/nextplus/device', '{');
      const admin = await h.request('/admin/api/summary');
      for (const res of [ok, bad, admin]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      }
    });

    it('runs no inline script in the console: one script file, allowed by its CSP', async () => {
      const ui = new ConsoleClient(h);
      await ui.login();
      const res = await h.request('/console', { headers: { cookie: ui.cookie } });
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch("script-src 'self'");
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toMatch('unsafe-inline');
      const html = await res.text();
      expect([...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => [m[1]!.trim(), m[2]])).toEqual([['src="/console/app.js" defer=""', '']]);
      const script = await h.request('/console/app.js');
      expect(script.headers.get('content-type')).toMatch('text/javascript');
      expect(await script.text()).toMatch('navigator.clipboard');
    });

    it('never echoes a token that slipped into the path, however the "?" or "=" was encoded', async () => {
      const slipped = ['%3Ftoken=', '%3ftoken%3d', '%253Ftoken%253D', '%253ftoken=', ';token=', '%3Btoken=', '%23token=', '/token='];
      for (const form of slipped) {
        const res = await h.request(`/nextplus/device${form}SECRETVALUE123`, { method: 'POST', body: '{}' });
        expect(res.status, form).toBe(404);
        const text = await res.text();
        expect(text, form).not.toContain('SECRETVALUE123');
        expect(text, form).toContain('[redacted]');
      }
    });
  });
}
