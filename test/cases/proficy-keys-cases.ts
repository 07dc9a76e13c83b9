// GE Proficy's keys: webhook-id scoped to test or real and refused (422) when reused with another
// body; a cancel finds its completion by work order, operation and lot as three parts, so no
// choice of names makes one order's cancel reverse another's completion; and what an earlier
// version filed (subjects, fingerprints) is still found after an upgrade.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allDeliveries, allPostings, expectRefused, type Harness, type MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample, proficySamples } from '../support/proficy-fixtures.js';
import { completionOfCancelled, ID, idOf, OPERATION_NUMBERS, sendProficy } from '../support/proficy-expectations.js';
import { deliveries } from '../../src/store/schema.js';
import { eq } from 'drizzle-orm';

/** JSON with object keys sorted: how earlier versions wrote a body down before hashing it. */
const sortedJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(sortedJson).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

async function sha256Hex(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function proficyKeysCases(make: MakeHarness) {
  describe('GE Proficy keys: webhook-id, reversal subjects, keys of earlier versions', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS } })));
    afterEach(() => h.close());

    it('a test delivery with webhook-id K does not swallow a real one with K; another real body with K is refused (422)', async () => {
      const headers = { 'webhook-id': 'msg_2Yx' };
      const test = await idOf(await sendProficy(h, 'operation-completed', proficySamples['operation-completed'], { query: 'test=1', headers }));
      expect(test).toMatch(/^TEST-PRF-/);
      const real = completionOfCancelled();
      const res = await sendProficy(h, 'operation-completed', real, { headers });
      expect(res.status).toBe(200);
      const id = await idOf(res);
      expect(id).toMatch(ID);
      expect(await allPostings(h)).toHaveLength(3);
      expect(await idOf(await sendProficy(h, 'operation-completed', real, { headers }))).toBe(id);
      const changed = { ...real, kafkaConsumerId: newKafkaId() };
      await expectRefused(await sendProficy(h, 'operation-completed', changed, { headers }), 422, `webhook-id 'msg_2Yx' was already used at 2026-03-04 10:00:00 UTC for delivery ${id} with a different body`);
      expect(await allPostings(h)).toHaveLength(3);
      expect((await allDeliveries(h)).map((d) => d.outcome).sort()).toEqual(['accepted', 'duplicate', 'rejected', 'test']);
    });

    it("a cancel for work order 'WO-REAL|FrameAssembly', operation 'L', lot 'Z' does not reverse WO-REAL's completion of lot 'L|Z'", async () => {
      const completion = proficySample('operation-completed');
      completion.workOrderName = 'WO-REAL';
      completion.operationInfo.name = 'FrameAssembly';
      completion.lotIdentifier.name = 'L|Z';
      await sendProficy(h, 'operation-completed', completion);
      expect(await allPostings(h)).toHaveLength(3);
      const crafted = proficySample('operation-cancelled');
      crafted.workOrderName = 'WO-REAL|FrameAssembly';
      crafted.operationInfo.name = 'L';
      crafted.lotIdentifier.name = 'Z';
      expect((await sendProficy(h, 'operation-cancelled', crafted)).status).toBe(200);
      expect(await allPostings(h)).toHaveLength(3);
      const [cancel] = await allDeliveries(h);
      expect(cancel).toMatchObject({ integration: 'operation-cancelled', refersTo: null });
      expect(cancel!.message).toMatch('nothing to reverse');
    });

    it('a cancel reverses a completion an earlier version filed under its old subject', async () => {
      const completed = await idOf(await sendProficy(h, 'operation-completed', completionOfCancelled()));
      // What an earlier version filed the completion under.
      await h.db.update(deliveries).set({ subject: 'op:ERPWOID6-CANCELLED-JSON-SNOWBIKES|FrameAssembly|SERNUM1' }).where(eq(deliveries.externalId, completed));
      expect((await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled'])).status).toBe(200);
      const ps = await allPostings(h);
      expect(ps).toHaveLength(6);
      expect(ps.slice(3).map((p) => p.reversesPostingId)).toEqual(ps.slice(0, 3).map((p) => p.id));
    });

    it('a Kafka redelivery of a message an earlier version recorded (its fingerprint of the raw body) is still a duplicate', async () => {
      const body = completionOfCancelled();
      const key = `fp:${await sha256Hex(`proficy:operation-completed\nreal\n${sortedJson(body)}`)}`;
      const old = { id: 'dlv_before_upgrade', receivedAt: h.clock.now(), source: 'proficy', integration: 'operation-completed', outcome: 'accepted', status: 200, externalId: 'PRF-BEFOREUPGRADE' };
      await h.store.commitEvent({ delivery: old, postings: [], claims: [{ key, expiresAt: null }] });
      h.clock.advance(3600_000);
      const res = await sendProficy(h, 'operation-completed', body);
      expect(await idOf(res)).toBe('PRF-BEFOREUPGRADE');
      expect(await allPostings(h)).toEqual([]);
      // An old webhook-id claim (hdr:proficy:<event>:<key>) too.
      await h.store.commitEvent({ delivery: { ...old, id: 'dlv_before_2', externalId: 'PRF-BEFORE2' }, postings: [], claims: [{ key: 'hdr:proficy:operation-completed:msg_old', expiresAt: null }] });
      const again = await sendProficy(h, 'operation-completed', { ...body, kafkaConsumerId: newKafkaId() }, { headers: { 'webhook-id': 'msg_old' } });
      expect(await idOf(again)).toBe('PRF-BEFORE2');
      expect(await allPostings(h)).toEqual([]);
    });
  });
}
