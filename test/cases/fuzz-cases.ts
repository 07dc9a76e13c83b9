// Property-based fuzzing (fast-check) over every ingest endpoint and the admin API: whatever the
// body, content type, headers and query, the answer is below 500 and JSON of the documented
// shape, and every delivery answered with the right token is in the ledger with that answer;
// with a wrong token, nothing is. Bounded in runs and time so CI stays quick; a failure prints
// the seed that reproduces it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allDeliveries, type Harness, type MakeHarness } from '../support/harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const TIME_LIMIT_MS = 8_000;

const paths = ['/nextplus/device', '/nextplus/item-attach', '/nextplus/operation', '/proficy/operation-completed', '/proficy/process-order-completed', '/proficy/route-released'];
const samples = Object.values(fixtures).map((f) => f.body as Record<string, unknown>);

/** A sample with some fields replaced by anything at all. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.dictionary(fc.constantFrom('type', 'sku', 'serial', 'item', 'position', 'validQty', 'workorderNumber', 'workorderExternalId', 'externalId'), fc.jsonValue()))
  .map(([sample, changes]) => JSON.stringify({ ...sample, ...changes }));
const body = fc.oneof(
  mutatedSample,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('latin1').decode(b)),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', '');
const senderKey = fc.option(fc.string({ minLength: 0, maxLength: 260 }), { nil: undefined });

export function fuzzCases(make: MakeHarness) {
  describe('fuzzing (fast-check)', () => {
    let h: Harness;
    beforeAll(async () => (h = await make({ env: { MAX_BODY_BYTES: '4096', AUTH_FAILURES_PER_MINUTE: '100000' } })));
    afterAll(() => h.close());

    it('ingest: any delivery gets a JSON answer below 500 of the documented shape, and is on record with it', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), body, contentType, senderKey, fc.boolean(), fc.boolean(), async (path, text, type, key, rightToken, test) => {
          const token = rightToken ? h.token : 'wrong-token-0123456789';
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          if (key !== undefined) headers['idempotency-key'] = key;
          const before = (await allDeliveries(h)).length;
          const res = await h.request(`${path}?token=${token}${test ? '&test=1' : ''}`, { method: 'POST', headers, body: text });
          expect(res.status).toBeLessThan(500);
          const answer = (await res.json()) as Record<string, unknown>;
          const rows = await allDeliveries(h);
          if (!rightToken) {
            expect(res.status).toBe(401);
            expect(rows).toHaveLength(before);
            return;
          }
          if (res.status >= 400) expect(Object.keys(answer)).toEqual(['message']);
          else expect(Object.keys(answer)).toEqual([path.startsWith('/proficy') ? 'id' : 'externalId']);
          expect(rows).toHaveLength(before + 1);
          const row = rows[0]!; // newest first
          expect(row.status).toBe(res.status);
          if (res.status < 400) expect(row.externalId).toBe(Object.values(answer)[0]);
          else expect(row).toMatchObject({ outcome: 'rejected', message: answer.message });
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, verbose: 1 },
      );
    });

    it('admin API: any path and query gets a JSON answer below 500', async () => {
      const segment = fc.oneof(fc.constantFrom('events', 'postings', 'summary', 'orders', 'retry', 'cancel', 'requeue', 'content', 'post-anyway', '1', '0', '-1', 'dlv_x'), fc.string({ maxLength: 12 }));
      const query = fc.dictionary(fc.constantFrom('limit', 'before', 'state', 'from', 'to', 'q', 'source', 'target', 'outcome', 'productionOrder'), fc.string({ maxLength: 30 }));
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), query, fc.constantFrom('GET', 'POST', 'PUT'), fc.option(fc.jsonValue()), async (parts, q, method, json) => {
          const url = `/admin/api/${parts.map(encodeURIComponent).join('/')}?${new URLSearchParams(q)}`;
          const init: RequestInit = { method, headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'content-type': 'application/json' } };
          if (method !== 'GET' && json !== null) init.body = JSON.stringify(json);
          const res = await h.request(url, init);
          expect(res.status).toBeLessThan(500);
          const answer = (await res.json()) as Record<string, unknown>;
          if (res.status >= 400) expect(typeof answer.message).toBe('string');
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, verbose: 1 },
      );
    });
  });
}
