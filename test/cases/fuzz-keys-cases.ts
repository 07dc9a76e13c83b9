// Property-based fuzzing (fast-check) of the idempotency keys: a body sent again with only its
// spelling changed (spaces around text, Unicode NFD, null or "" for absent, key order, layout)
// is the same event; a sender key reused with another body is refused (422), never posted, and
// on record; a test delivery's key never stands in the way of a real one. Bounded in runs and
// time like fuzz-cases.ts; a failure prints the seed that reproduces it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, post, type Harness, type MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample, proficySamples, type ProficyEvent } from '../support/proficy-fixtures.js';
import { OPERATION_NUMBERS } from '../support/proficy-expectations.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const TIME_LIMIT_MS = 8_000;

type Body = Record<string, unknown>;
interface Sample {
  path: string;
  body: Body;
  /** A text field whose other value makes another event. */
  identity: string;
  /** An optional field the body leaves out, and whether "" counts as absent there as null does. */
  optional: string;
  blankIsAbsent: boolean;
}

const nextplusAdds = ['device-add', 'item-attach-add', 'operation-add'] as const;
const choices = [...nextplusAdds, ...(Object.keys(proficySamples) as ProficyEvent[])];

/** A new event each time (fresh ids), with accented text so Unicode forms matter. */
function freshSample(name: (typeof choices)[number]): Sample {
  if ((nextplusAdds as readonly string[]).includes(name)) {
    const body = realEvent(name as (typeof nextplusAdds)[number], { sku: 'Café-Ångström' });
    delete body.stockId;
    return { path: `/nextplus/${name.replace(/-add$/, '')}`, body, identity: 'workorderNumber', optional: 'stockId', blankIsAbsent: true };
  }
  const body = { ...proficySample(name as ProficyEvent), kafkaConsumerId: `${newKafkaId()}-Café` };
  // An extra field the schema doesn't know: kept as sent, so "" is a value there, null is not.
  return { path: `/proficy/${name}`, body, identity: 'kafkaConsumerId', optional: 'remark', blankIsAbsent: false };
}

const PADS = ['', ' ', '  ', '\u00a0', '\t'];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

const variation = fc.record({
  pads: fc.array(fc.nat(PADS.length * PADS.length - 1), { minLength: 1, maxLength: 16 }),
  nfd: fc.boolean(),
  empty: fc.constantFrom('absent', 'null', 'blank'),
  order: fc.nat(),
  indent: fc.constantFrom(0, 2),
});
type Variation = typeof variation extends fc.Arbitrary<infer T> ? T : never;

/** The same body, spelled differently: nothing the validated, normalised event would show. */
function vary(s: Sample, v: Variation): string {
  let i = 0;
  const rank = (k: string) => [...k].reduce((h, c) => (h * 31 + c.charCodeAt(0) + v.order) % 1_000_003, v.order);
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') {
      // The discriminator and times are checked as they are sent, not trimmed.
      if (key === 'type' || ISO_TIME.test(value)) return value;
      const p = v.pads[i++ % v.pads.length]!;
      return `${PADS[p % PADS.length]}${v.nfd ? value.normalize('NFD') : value}${PADS[Math.floor(p / PADS.length)]}`;
    }
    if (Array.isArray(value)) return value.map((x) => walk(x));
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).map(([k, x]) => [k, walk(x, k)] as const);
      return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
    }
    return value;
  };
  const out = walk(s.body) as Body;
  if (v.empty === 'null' || (v.empty === 'blank' && !s.blankIsAbsent)) out[s.optional] = null;
  if (v.empty === 'blank' && s.blankIsAbsent) out[s.optional] = '';
  return JSON.stringify(out, null, v.indent);
}

/** Text a text field accepts (it may still equal the old value once trimmed: then it is the same body). */
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  // eslint-disable-next-line no-control-regex
  .filter((t) => !/[\u0000-\u001f\u007f]/.test(t) && t.isWellFormed() && !!t.trim());

const junk = fc.dictionary(fc.constantFrom('type', 'sku', 'serial', 'item', 'workorderNumber', 'workOrderName', 'operationInfo', 'processOrderName', 'materialLot', 'name'), fc.jsonValue(), { minKeys: 1, maxKeys: 3 });

let keys = 0;
const answerId = async (res: Response) => Object.values((await res.json()) as Record<string, string>)[0]!;

export function fuzzKeysCases(make: MakeHarness) {
  describe('fuzzing the idempotency keys (fast-check)', () => {
    let h: Harness;
    beforeAll(async () => (h = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS } })));
    afterAll(() => h.close());

    it('bodies that differ only in spelling, inside the window, are one event: one accepted, the rest duplicates with its id', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...choices), fc.array(variation, { minLength: 2, maxLength: 5 }), fc.boolean(), async (name, variations, withKey) => {
          const s = freshSample(name);
          const headers = withKey ? { 'idempotency-key': `norm-${++keys}` } : undefined;
          const ids: string[] = [];
          for (const v of variations) {
            h.clock.advance(1_000);
            const res = await post(h, s.path, vary(s, v), { headers });
            expect(res.status).toBe(200);
            ids.push(await answerId(res));
          }
          expect(new Set(ids).size).toBe(1);
          const rows = (await allDeliveries(h)).slice(0, variations.length);
          expect(rows.map((r) => r.outcome).sort()).toEqual(['accepted', ...Array(variations.length - 1).fill('duplicate')]);
          for (const r of rows) expect(r.externalId).toBe(ids[0]);
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, verbose: 1 },
      );
    });

    it('a sender key reused with other bodies: the first accepted, another body refused (422), the same one a duplicate; all on record', async () => {
      const later = fc.oneof(
        variation.map((v) => ({ kind: 'same' as const, v })),
        text.map((t) => ({ kind: 'other' as const, t })),
        junk.map((j) => ({ kind: 'junk' as const, j })),
      );
      const header = fc.constantFrom('Idempotency-Key', 'webhook-id');
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...choices), fc.array(later, { minLength: 1, maxLength: 5 }), header, fc.boolean(), fc.stringMatching(/^[\w|:" -]{0,20}$/), async (name, bodies, header, test, suffix) => {
          const s = freshSample(name);
          const key = `reused-${++keys}-${suffix}`.trim();
          const send = (body: string | Body, asTest = test) => post(h, s.path, body, { headers: { [header]: key }, query: asTest ? 'test=1' : undefined });
          const before = (await allDeliveries(h)).length;
          const first = await send(s.body);
          expect(first.status).toBe(200);
          const id = await answerId(first);
          expect(id.startsWith('TEST-')).toBe(test);
          for (const b of bodies) {
            h.clock.advance(1_000);
            const res = await send(b.kind === 'same' ? vary(s, b.v) : b.kind === 'other' ? { ...s.body, [s.identity]: b.t } : { ...s.body, ...b.j });
            expect(res.status).toBeLessThan(500);
            const answer = (await res.json()) as Record<string, string>;
            // Never a second event: the first's answer, or a refusal.
            if (res.status === 200) expect(Object.values(answer)[0]).toBe(id);
            else expect(Object.keys(answer)).toEqual(['message']);
            const same = b.kind === 'same' || (b.kind === 'other' && b.t.trim().normalize('NFC') === String(s.body[s.identity]).normalize('NFC'));
            if (same) expect(res.status).toBe(200);
            else if (b.kind === 'other') expect(answer.message).toMatch(`${header} '${key}' was already used at `);
            if (res.status === 422 && answer.message!.includes(`'${key}' was already used`)) expect(answer.message).toContain(`for delivery ${id} with a different body`);
          }
          const rows = await allDeliveries(h);
          expect(rows).toHaveLength(before + bodies.length + 1);
          expect(rows.slice(0, bodies.length + 1).filter((r) => r.outcome !== 'duplicate' && r.outcome !== 'rejected')).toHaveLength(1);
          if (test) {
            // A test delivery's key is no real delivery's: a real one with it is a new event.
            const real = await send(freshSample(name).body, false);
            expect(real.status).toBe(200);
            expect(await answerId(real)).not.toMatch(/^TEST-/);
          }
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, verbose: 1 },
      );
    });
  });
}
