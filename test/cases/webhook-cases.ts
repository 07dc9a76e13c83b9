// The webhook target end to end, against a fake receiver that verifies every request with the
// standardwebhooks library: signed bodies for every Next Plus event, a stable webhook-id and a
// fresh webhook-timestamp per attempt, Retry-After, refusals holding their order only, removes
// sent as reversals naming what they undo, and operator edits checked against the body schema.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { atTime, originOf, type FakeWebhookReceiver, type ServedWebhook } from '../support/fake-webhook-receiver.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, idOf, post, TEST_DAY as DAY, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeWebhook, type WithFakeWebhook } from '../support/with-fake-erps.js';

/** Next Plus sends events as they happen: each happened when it was received (the test clock's start). */
const AT = `${DAY}T10:00:00.000Z`;
const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'x-actor': 'jane' };

export function webhookCases(make: MakeHarness, serve: () => Promise<ServedWebhook>) {
  describe('webhook target', () => {
    let webhook: FakeWebhookReceiver;
    let h: Harness;
    let makeWith: WithFakeWebhook['makeWith'];
    withFakeWebhook(make, serve, () => ({ RETRY_BASE_MS: '1000', RETRY_MAX_MS: '60000', RETRY_HORIZON_MS: String(3600_000) }), (t) => ({ webhook, h, makeWith } = t));

    const states = async () => (await allPostings(h)).map((p) => p.state);
    /** The event answered with `id` (an update keeps its add's id: the add's own row). */
    const byExternalId = async (id: string, eventType = 'add') => (await allDeliveries(h)).find((d) => d.externalId === id && d.eventType === eventType)!;

    it('posts every Next Plus event as a signed body the receiver verifies, removes as reversals naming what they undo', async () => {
      const device = await idOf(await post(h, '/nextplus/device', realEvent('device-add')));
      const update = await post(h, '/nextplus/device', realEvent('device-update', { externalId: device }));
      expect(await idOf(update)).toBe(device);
      const item = await idOf(await post(h, '/nextplus/item-attach', realEvent('item-attach-add')));
      const op = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add', { validQty: 3, invalidQty: 1 })));
      await h.dispatch();
      const itemRemove = await idOf(await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'COMPONENT-SKU', quantity: 5, externalId: item } })));
      const opRemove = await idOf(await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: op })));
      expect((await post(h, '/nextplus/device', realEvent('device-remove', { externalId: device }))).status).toBe(200);
      await h.dispatch();

      // Every request verified (no violations, checked after each test) and was accepted once.
      expect(webhook.requestCount).toBe(5);
      expect(await states()).toEqual(Array(5).fill('delivered'));
      const [started, consumed, reported, unconsumed, unreported] = webhook.received;
      expect(webhook.received.map((r) => r.body.type)).toEqual([
        'production.order-started',
        'production.material-consumed',
        'production.operation-reported',
        'production.reversal',
        'production.reversal',
      ]);
      expect(started!.body.data.event).toEqual({ kind: 'order-started', productionOrder: 'ERP-WO-123', date: DAY, occurredAt: AT, quantity: 1, item: 'DEVICE-SKU', serial: 'SN12345' });
      expect(consumed!.body.data.event).toEqual({ kind: 'material-consumed', productionOrder: 'ERP-WO-123', date: DAY, occurredAt: AT, item: 'COMPONENT-SKU', quantity: 5, serial: 'COMP-SN-123' });
      expect(reported!.body.data.event).toEqual({
        kind: 'operation-reported',
        productionOrder: 'ERP-WO-123',
        date: DAY,
        occurredAt: AT,
        operationNumber: 10,
        operationId: 'ASSY',
        resource: 'WC-123',
        goodQuantity: 3,
        scrapQuantity: 1,
        serial: 'SN12345',
      });
      expect(started!.body.data.origin).toEqual(originOf(await byExternalId(device)));
      expect(consumed!.body.data.origin).toEqual(originOf(await byExternalId(item)));
      expect(consumed!.body.data.origin).toMatchObject({ source: 'nextplus', integration: 'item-attach', eventType: 'add' });
      expect(consumed!.body.timestamp).toBe(consumed!.body.data.origin.receivedAt);

      // A reversal carries the event it takes back as it was sent, and names that message.
      expect(unconsumed!.body.data).toEqual({
        event: consumed!.body.data.event,
        origin: originOf(await byExternalId(itemRemove, 'remove')),
        reverses: { webhookId: consumed!.webhookId, type: 'production.material-consumed' },
      });
      expect(unconsumed!.body.data.origin).toMatchObject({ integration: 'item-attach', eventType: 'remove' });
      expect(unreported!.body.data).toEqual({
        event: reported!.body.data.event,
        origin: originOf(await byExternalId(opRemove, 'remove')),
        reverses: { webhookId: reported!.webhookId, type: 'production.operation-reported' },
      });
      expect(new Set(webhook.received.map((r) => r.webhookId)).size).toBe(5);
    });

    it('a body changed by one byte fails the library check, and the receiver records it as a violation', async () => {
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: 'BOLT', quantity: 7 } }));
      await h.dispatch();
      const [sent] = webhook.requests;
      expect(sent!.status).toBe(200);
      const at = sent!.at;
      const library = new Webhook(webhook.secret);
      // As sent, it verifies at the time it was sent.
      expect(atTime(at, () => library.verify(sent!.body, sent!.headers))).toEqual(JSON.parse(sent!.body));
      const i = sent!.body.indexOf('"quantity":7') + '"quantity":'.length;
      const tampered = `${sent!.body.slice(0, i)}8${sent!.body.slice(i + 1)}`;
      expect(tampered).toHaveLength(sent!.body.length);
      expect(tampered).not.toBe(sent!.body);
      expect(() => atTime(at, () => library.verify(tampered, sent!.headers))).toThrow(WebhookVerificationError);
      expect(() => atTime(at, () => library.verify(tampered, sent!.headers))).toThrow('No matching signature found');

      const res = await webhook.handle(new Request(webhook.url, { method: 'POST', headers: sent!.headers, body: tampered }));
      expect(res.status).toBe(401);
      expect(webhook.violations).toEqual([`signature: No matching signature found (webhook-id ${sent!.headers['webhook-id']})`]);
      expect(webhook.received).toHaveLength(1);
      webhook.violations.length = 0; // expected here; every other test must leave none
    });

    it('the receiver also refuses a replay after 5 minutes, a missing signature, another content type and a body off the schema', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      await h.dispatch();
      const [sent] = webhook.requests;
      const resend = (headers: Record<string, string>, body = sent!.body) => webhook.handle(new Request(webhook.url, { method: 'POST', headers, body }));
      const id = sent!.headers['webhook-id']!;

      h.clock.advance(5 * 60_000 + 1_000);
      expect((await resend(sent!.headers)).status).toBe(401);
      h.clock.set(sent!.at);
      const { 'webhook-signature': _, ...unsigned } = sent!.headers;
      expect((await resend(unsigned)).status).toBe(401);
      expect((await resend({ ...sent!.headers, 'content-type': 'text/plain' })).status).toBe(415);
      // Signed correctly, so only the schema can catch it.
      const off = JSON.stringify({ ...JSON.parse(sent!.body), type: 'production.order-ended' });
      const signature = new Webhook(webhook.secret).sign(id, new Date(sent!.at), off);
      expect((await resend({ ...sent!.headers, 'webhook-signature': signature }, off)).status).toBe(400);

      expect(webhook.violations).toEqual([
        `signature: Message timestamp too old (webhook-id ${id})`,
        `signature: Missing required headers (webhook-id ${id})`,
        'content-type text/plain',
        'body: the body type must match data.event.kind (got {"type":"production.order-ended","tim...)',
      ]);
      expect(webhook.received).toHaveLength(1);
      webhook.violations.length = 0;
    });

    it('a retry carries the same webhook-id and the time of its own attempt', async () => {
      webhook.nextAnswers.push({ status: 503 });
      await post(h, '/nextplus/device', realEvent('device-add'));
      await h.dispatch();
      const [p] = await allPostings(h);
      expect(p).toMatchObject({ state: 'queued', attempts: 1 });
      expect(p!.lastError).toMatch('HTTP 503');
      // Past the backoff, and past the receivers' 5-minute tolerance: a retry signed with the
      // first attempt's time would be refused as stale (a violation).
      h.clock.advance(10 * 60_000);
      await h.dispatch();
      expect(await states()).toEqual(['delivered']);
      const [first, retry] = webhook.requests;
      expect([first!.status, retry!.status]).toEqual([503, 200]);
      expect(retry!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
      expect(retry!.body).toBe(first!.body);
      expect(Number(first!.headers['webhook-timestamp'])).toBe(Math.floor(first!.at / 1000));
      expect(Number(retry!.headers['webhook-timestamp'])).toBe(Math.floor(retry!.at / 1000));
      expect(retry!.at - first!.at).toBe(10 * 60_000);
      expect(webhook.received.map((r) => r.webhookId)).toEqual([first!.headers['webhook-id']]);
    });

    it('a receiver that does not answer in time is retried later, with the same webhook-id', async () => {
      const slow = await makeWith({ WEBHOOK_TIMEOUT_MS: '1000', RETRY_BASE_MS: '1000', RETRY_MAX_MS: '60000' });
      try {
        webhook.nextAnswers.push({ status: 200, delayMs: 1300 });
        await post(slow, '/nextplus/device', realEvent('device-add'));
        await slow.dispatch();
        const [p] = await allPostings(slow);
        expect(p).toMatchObject({ state: 'queued', attempts: 1 });
        expect(p!.lastError).toBe('no answer from the webhook receiver within 1000 ms');
        slow.clock.advance(5_000);
        await slow.dispatch();
        expect((await allPostings(slow))[0]!.state).toBe('delivered');
        const [first, retry] = webhook.requests;
        expect(retry!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
        expect(webhook.received).toHaveLength(1);
      } finally {
        await slow.close();
      }
    });

    it('honours Retry-After on 429', async () => {
      webhook.nextAnswers.push({ status: 429, retryAfter: '120' });
      await post(h, '/nextplus/device', realEvent('device-add'));
      await h.dispatch();
      const [p] = await allPostings(h);
      expect(p!.state).toBe('queued');
      expect(p!.nextAttemptAt! - h.clock.now()).toBeGreaterThanOrEqual(120_000);
      h.clock.advance(60_000);
      await h.dispatch();
      expect(webhook.requestCount).toBe(1);
      h.clock.advance(61_000);
      await h.dispatch();
      expect(webhook.requestCount).toBe(2);
      expect(webhook.received).toHaveLength(1);
      expect(await states()).toEqual(['delivered']);
    });

    it('410 and 400 fail the posting and hold that order at the webhook while other orders flow', async () => {
      webhook.failingOrders.set('GONE', { status: 410, body: '{"message":"this endpoint is retired"}' });
      webhook.failingOrders.set('BAD', { status: 400, body: '{"message":"unknown production order BAD"}' });
      for (const order of ['GONE', 'BAD', 'OK']) {
        for (const sku of ['FIRST', 'LATER']) {
          await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 } }));
        }
      }
      await h.dispatch();
      h.clock.advance(3600_000);
      await h.dispatch(); // nothing is retried: a refusal waits for a person
      const ps = await allPostings(h);
      const at = (order: string) => ps.filter((p) => p.productionOrder === order).map((p) => p.state);
      expect(at('GONE')).toEqual(['failed', 'held']);
      expect(at('BAD')).toEqual(['failed', 'held']);
      expect(at('OK')).toEqual(['delivered', 'delivered']);
      expect(ps.find((p) => p.productionOrder === 'GONE')!.lastError).toMatch('HTTP 410');
      expect(ps.find((p) => p.productionOrder === 'BAD')!.lastError).toMatch(/HTTP 400.*unknown production order BAD/);
      expect(webhook.requestCount).toBe(4); // GONE and BAD once each, OK twice
      expect(webhook.itemsOf('OK')).toEqual(['FIRST', 'LATER']);
      expect(webhook.itemsOf('GONE')).toEqual([]);
    });

    it("an operator's edit is checked against the webhook body schema; a good one is sent as edited", async () => {
      webhook.failingOrders.set('BAD', { status: 400, body: '{"message":"unknown production order BAD"}' });
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD', item: { sku: 'BOLT', quantity: 2 } }));
      await h.dispatch();
      const [failed] = await allPostings(h);
      expect(failed!.state).toBe('failed');
      const sent = JSON.parse(failed!.content);
      const put = (content: unknown, headers: Record<string, string> = admin) =>
        h.request(`/admin/api/postings/${failed!.id}/content`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ content }) });
      const problem = async (content: unknown) => {
        const res = await put(content);
        expect(res.status).toBe(400);
        return ((await res.json()) as { message: string }).message;
      };
      const withEvent = (change: Record<string, unknown>) => ({ ...sent, data: { ...sent.data, event: { ...sent.data.event, ...change } } });

      expect(await problem(withEvent({ quantity: 'two' }))).toBe(
        'The edited production.material-consumed is not valid for Webhook: data.event.quantity must be a number (got "two").',
      );
      expect(await problem(withEvent({ colour: 'red' }))).toMatch('data.event Unrecognized key: "colour"');
      expect(await problem(withEvent({ item: undefined }))).toMatch('data.event.item is missing');
      expect(await problem({ ...sent, type: 'production.order-started', data: { ...sent.data, event: { kind: 'order-started', productionOrder: 'BAD', date: DAY, quantity: 1 } } })).toMatch(
        'type must stay production.material-consumed',
      );
      expect((await put(withEvent({ quantity: 'two' }), {})).status).toBe(401);
      expect((await allPostings(h))[0]!.content).toBe(failed!.content); // nothing bad was saved

      const edited = withEvent({ productionOrder: 'P000123', quantity: 3 });
      expect((await put(edited)).status).toBe(200);
      expect((await h.request(`/admin/api/postings/${failed!.id}/retry`, { method: 'POST', headers: admin })).status).toBe(200);
      await h.dispatch();
      expect(await states()).toEqual(['delivered']);
      const [received] = webhook.received;
      expect(received!.body).toEqual(edited);
      expect(received!.webhookId).toBe(webhook.requests[0]!.headers['webhook-id']);
      const actions = await h.outbox.actionsOf({ postingId: failed!.id });
      expect(actions.map((a) => [a.action, a.actor])).toEqual([['edit', 'jane'], ['retry', 'jane']]);
    });
  });
}
