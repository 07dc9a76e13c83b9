// Property-based fuzzing (fast-check) over every ingest endpoint and the admin API: whatever the
// body, content type, headers and query, the answer is below 500 and JSON of the documented
// shape, and every delivery answered with the right token is in the ledger with that answer;
// with a wrong token, nothing is. Names JavaScript objects already carry (constructor,
// __proto__, ...) come as field values and as keys: to an MES they are names like any other. Bounded in runs and time so CI stays quick; a failure prints
// the seed that reproduces it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample, proficySamples } from '../support/proficy-fixtures.js';
import { expectValidPostings } from '../support/spec-check.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const TIME_LIMIT_MS = 8_000;

const paths = ['/nextplus/device', '/nextplus/item-attach', '/nextplus/operation', '/proficy/operation-completed', '/proficy/process-order-completed', '/proficy/route-released'];
const samples = [...Object.values(fixtures).map((f) => f.body), ...Object.values(proficySamples)] as Record<string, unknown>[];

/** Names every JavaScript object already has (and so finds through `obj[name]` or `name in obj`). */
const builtInName = fc.constantFrom('constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', 'prototype');
/** Operation numbers configured for some built-in names (the others have none: 422). */
const operationNumbers: Record<string, number> = { 'SIT Op1': 10, constructor: 30, toString: 40, valueOf: 50, hasOwnProperty: 60 };
const field = fc.constantFrom('type', 'sku', 'serial', 'item', 'position', 'validQty', 'workorderNumber', 'workorderExternalId', 'externalId', 'workOrderName', 'processOrderName', 'operation');

/** A sample with some fields replaced by anything at all, or by a built-in name. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.dictionary(field, fc.oneof(fc.jsonValue(), builtInName)))
  .map(([sample, changes]) => JSON.stringify({ ...sample, ...changes }));
/**
 * A sample with a built-in name as a key, at the top or in its first nested object. Written as
 * JSON text: JSON.parse makes "__proto__" an own key, where an object literal would set the prototype.
 */
const sampleWithBuiltInKey = fc
  .tuple(fc.constantFrom(...samples), builtInName, fc.jsonValue({ maxDepth: 2 }), fc.boolean())
  .map(([sample, key, value, nested]) => {
    const text = JSON.stringify(sample);
    const entry = `${JSON.stringify(key)}:${JSON.stringify(value)},`;
    return nested && text.includes('":{') ? text.replace('":{', `":{${entry}`) : `{${entry}${text.slice(1)}`;
  });
const body = fc.oneof(
  mutatedSample,
  sampleWithBuiltInKey,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('latin1').decode(b)),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', '');
const senderKey = fc.option(fc.string({ minLength: 0, maxLength: 260 }), { nil: undefined });

export function fuzzCases(make: MakeHarness) {
  describe('fuzzing (fast-check)', () => {
    let h: Harness;
    beforeAll(async () => (h = await make({ env: { MAX_BODY_BYTES: '4096', AUTH_FAILURES_PER_MINUTE: '100000', PROFICY_OPERATION_NUMBERS: JSON.stringify(operationNumbers) } })));
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

    it('Proficy: work orders and operations named after built-ins are posted with their own number, or refused (422) in words; always on record', async () => {
      const events = ['operation-completed', 'operation-clocked-off', 'operation-cancelled', 'process-order-completed'] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...events), builtInName, builtInName, async (event, workOrder, operation) => {
          const body = proficySample(event);
          body.kafkaConsumerId = newKafkaId();
          if (event === 'process-order-completed') body.processOrderName = workOrder;
          else body.workOrderName = workOrder;
          if (event === 'operation-clocked-off') body.operation = operation;
          else if (body.operationInfo) body.operationInfo.name = operation;
          const before = (await allPostings(h)).length;
          const res = await post(h, `/proficy/${event}`, body);
          const made = (await allPostings(h)).slice(before);
          const [row] = await allDeliveries(h);
          expect(row).toMatchObject({ status: res.status, workorderNumber: workOrder, productionOrder: workOrder });
          expectValidPostings(made);
          const number = Object.hasOwn(operationNumbers, operation) ? operationNumbers[operation] : undefined;
          if (number === undefined && (event === 'operation-completed' || event === 'operation-clocked-off')) {
            expect(res.status).toBe(422);
            expect(row!.message).toMatch(`Proficy operation "${operation}" has no ERP operation number`);
            expect(made).toEqual([]);
            return;
          }
          expect(res.status).toBe(200);
          for (const p of made) {
            const content = JSON.parse(p.content);
            expect(content.ProductionOrderNumber).toBe(workOrder);
            for (const line of content.RouteCardLines ?? content.PickingListLines ?? []) expect(line.OperationNumber).toBe(number);
          }
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
