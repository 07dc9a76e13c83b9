// Bad deliveries get a clear {"message"} naming the field and the problem, never a zod dump
// or a stack trace, and every one (but unauthenticated ones) is on record with its body.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, expectRefused, post, type Harness, type MakeHarness } from '../support/harness.js';

/** Written for a person: a refusal (expectRefused) that quotes no JSON either. */
async function expectRejected(res: Response, status: number, ...phrases: (string | RegExp)[]) {
  const message = await expectRefused(res, status, ...phrases);
  expect(message).not.toMatch(/\{"/);
  return message;
}

export function badInputCases(make: MakeHarness) {
  describe('bad input', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { MAX_BODY_BYTES: '4096' } })));
    afterEach(() => h.close());

    it.each([
      ['a missing field', { sku: undefined }, 'sku is missing'],
      ['a wrong type', { sku: 42 }, 'sku must be text (got 42)'],
      ['an empty string', { serial: '   ' }, 'serial must not be empty'],
      ['an over-long string', { workorderNumber: 'W'.repeat(121) }, 'workorderNumber must be at most 120 characters'],
      ['an unknown type', { type: 'explode' }, 'type must be one of add, update, remove (got "explode")'],
      ['no type', { type: undefined }, 'type is missing (it must be one of add, update, remove)'],
    ])('device event with %s', async (_what, change, phrase) => {
      const res = await post(h, '/nextplus/device', realEvent('device-add', change));
      await expectRejected(res, 400, 'Device/Serial event not accepted', phrase, 'Nothing was posted');
    });

    it.each([
      ['zero', 0, 'item.quantity must be greater than 0'],
      ['negative', -2, 'item.quantity must be greater than 0 (got -2)'],
      ['text', '5', 'item.quantity must be a number (got "5")'],
      ['huge', 1e12, 'item.quantity must be at most 1000000000'],
    ])('item quantity that is %s', async (_what, quantity, phrase) => {
      const res = await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: 'C', quantity } }));
      await expectRejected(res, 400, phrase);
    });

    it('operation quantities must not be negative and position must be whole', async () => {
      const res = await post(h, '/nextplus/operation', realEvent('operation-add', { validQty: -1, position: 1.5 }));
      await expectRejected(res, 400, 'position must be a whole number', 'validQty must not be negative');
    });

    it('item must be an object', async () => {
      await expectRejected(await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: 'x' })), 400, 'item must be an object with fields');
    });

    it('malformed JSON', async () => {
      await expectRejected(await post(h, '/nextplus/device', '{"type": "add",'), 400, 'not valid JSON');
    });

    it.each([['an array', '[]'], ['a string', '"add"'], ['null', 'null']])('a body that is %s', async (_what, body) => {
      await expectRejected(await post(h, '/nextplus/operation', body), 400, 'must be a JSON object');
    });

    it('a body that is not JSON', async () => {
      const res = await post(h, '/nextplus/device', 'type=add', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await expectRejected(res, 415, 'Content-Type: application/json');
    });

    it('an oversize body', async () => {
      const res = await post(h, '/nextplus/device', realEvent('device-add', { padding: 'x'.repeat(5000) }));
      await expectRejected(res, 413, 'larger than the bridge accepts');
    });

    it('records rejections with their reason and body', async () => {
      await post(h, '/nextplus/device', realEvent('device-add', { sku: 42 }));
      await post(h, '/nextplus/device', '{oops');
      const rows = await allDeliveries(h);
      expect(rows.map((r) => [r.outcome, r.status])).toEqual([['rejected', 400], ['rejected', 400]]);
      expect(rows.map((r) => r.rawBody)).toContain('{oops');
      expect(rows.find((r) => r.eventType === 'add')!.message).toMatch('sku must be text');
      expect(await allPostings(h)).toEqual([]);
    });

    it('401 for a missing or wrong token, nothing stored', async () => {
      const body = JSON.stringify(realEvent('device-add'));
      const headers = { 'content-type': 'application/json' };
      await expectRejected(await h.request('/nextplus/device', { method: 'POST', headers, body }), 401, 'token');
      await expectRejected(await h.request('/nextplus/device?token=wrong', { method: 'POST', headers, body }), 401, 'token');
      const bearer = { ...headers, authorization: 'Bearer nope' };
      await expectRejected(await h.request('/nextplus/device', { method: 'POST', headers: bearer, body }), 401);
      expect(await allDeliveries(h)).toEqual([]);
    });

    it('accepts the token as a Bearer header too', async () => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${h.token}` };
      const res = await h.request('/nextplus/device', { method: 'POST', headers, body: JSON.stringify(realEvent('device-add')) });
      expect(res.status).toBe(200);
    });

    it('404 with a pointer to the right URLs', async () => {
      await expectRejected(await h.request('/nextplus/devices', { method: 'POST' }), 404, '/nextplus/device');
      await expectRejected(await h.request('/nextplus/device'), 404);
    });

    it('a remove of something the bridge never posted', async () => {
      const res = await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'C', quantity: 1, externalId: 'ITM-NEVERSEEN00' } }));
      await expectRejected(res, 422, 'ITM-NEVERSEEN00', 'never received');
      const opRes = await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: 'OPR-NEVERSEEN00' }));
      await expectRejected(opRes, 422, 'OPR-NEVERSEEN00');
    });

    it('an item-attach remove without item.externalId', async () => {
      const res = await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'C', quantity: 1 } }));
      await expectRejected(res, 422, 'no item.externalId');
    });

    it('a remove that points at another integration\'s event', async () => {
      const add = (await (await post(h, '/nextplus/device', realEvent('device-add'))).json()) as { externalId: string };
      const res = await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: add.externalId }));
      await expectRejected(res, 409, add.externalId, 'Nothing was reversed');
    });

    it('a work order without an ERP id when the ERP id is required', async () => {
      const strict = await make({ env: { TRANSLATION: JSON.stringify({ productionOrderNumber: 'workorderExternalId' }) } });
      try {
        const res = await post(strict, '/nextplus/device', realEvent('device-add', { workorderExternalId: null }));
        await expectRejected(res, 422, 'WO-12345', 'no ERP production order');
      } finally {
        await strict.close();
      }
    });
  });
}
