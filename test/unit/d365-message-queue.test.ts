// D365_MESSAGE_QUEUE names the queue of every SendMessage (JmgMES3P unless set): the same
// setting the verdicts read back are matched on.
import { describe, expect, it } from 'vitest';
import { d365Connector } from '../../src/targets/d365/d365-connector.js';
import { d365Connection } from '../../src/targets/d365/d365-target.js';

const env = { D365_URL: 'https://d365.test', D365_TENANT_ID: 't', D365_CLIENT_ID: 'c', D365_CLIENT_SECRET: 's', D365_COMPANY: 'USMF', D365_TOKEN_URL: 'https://login.test/token' };

async function queueSent(extra: Record<string, string>) {
  const bodies: Record<string, unknown>[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    if (String(url).includes('login.test')) return Response.json({ access_token: 'x', expires_in: 3600 });
    bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return Response.json({});
  }) as typeof fetch;
  const connector = d365Connector(d365Connection({ ...env, ...extra }, 'in this test'), { now: () => 0 }, fetchFn);
  const result = await connector.send({ id: 1, deliveryId: 'd', productionOrder: 'P1', messageType: 'ProdProductionOrderStart', content: '{}' });
  expect(result.outcome).toBe('delivered');
  return bodies[0]?._messageQueue;
}

describe('D365_MESSAGE_QUEUE', () => {
  it('is JmgMES3P unless set', async () => {
    expect(await queueSent({})).toBe('JmgMES3P');
  });
  it('names the queue of every message when set', async () => {
    expect(await queueSent({ D365_MESSAGE_QUEUE: 'JmgMES3PCustom' })).toBe('JmgMES3PCustom');
  });
});
