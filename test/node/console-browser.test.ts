// End to end in a real browser: Debian's Chromium driven by playwright-core against the bridge
// served over HTTP, with a fake D365 that refuses one production order. An operator signs in,
// finds the failed posting, fixes its content, retries it, and sees it delivered.
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allPostings, post } from '../support/harness.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { nodeHarness, type NodeHarness } from './node-harness.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Chromium (.ci/run), so there a missing browser fails the test instead of skipping it.
const runnable = existsSync(executablePath) || process.env.CI === 'true';
// For a look at the pages: SCREENSHOT_DIR=/tmp/shots npx vitest run test/node/console-browser.test.ts
// (outside the repo: screenshots are never committed).
const shotDir = process.env.SCREENSHOT_DIR;
const shot = async (page: Page, name: string) => {
  if (shotDir) await page.screenshot({ path: `${shotDir}/${name}.png`, fullPage: true });
};

describe.skipIf(!runnable)('console in a browser', () => {
  let served: ServedFake;
  let h: NodeHarness;
  let server: ServerType;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveFakeD365();
    h = await nodeHarness({ env: served.fake.env() });
    // As on a real Node bridge: "Retry now" starts the dispatcher at once.
    const app = createApp({ ...h.deps, notifyDispatcher: () => void h.deps.dispatcher.runOnce() });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    await h?.close();
    await served?.stop();
  });

  /** Reloads until the text shows up: delivery runs in the background after "Retry now". */
  async function reloadUntil(page: Page, text: string) {
    for (let i = 0; i < 50; i++) {
      if ((await page.locator('main').innerText()).includes(text)) return;
      await new Promise((r) => setTimeout(r, 100));
      await page.reload();
    }
    throw new Error(`"${text}" never appeared on ${page.url()}`);
  }

  it('sign in, find the failed posting, edit it, retry, see it delivered', async () => {
    served.fake.failingOrders.set('WO-BAD', { status: 400, body: '{"Message":"Production order WO-BAD does not exist"}' });
    await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'WO-BAD' }));
    await h.dispatch();
    expect((await allPostings(h)).map((p) => p.state)).toEqual(['failed']);

    // A plant in Chicago: times show in its local time, with UTC on hover.
    const context = await browser.newContext({ timezoneId: 'America/Chicago', locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.getByLabel('Your name').fill('Erin Operator');
    await page.getByLabel('Admin token').fill(ADMIN_TEST_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/console`);
    expect(await page.locator('.banner').innerText()).toMatch('1 posting failed');
    await shot(page, '1-overview');
    await page.locator('.url', { hasText: 'Item Attach' }).getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${base}/nextplus/item-attach?token=${h.token}`);

    await page.getByRole('link', { name: 'Show failed' }).click();
    await page.waitForURL(/state=failed/);
    await page.locator('table tbody tr').first().getByRole('link').first().click();
    await page.waitForURL(/\/console\/events\/dlv_/);
    expect(await page.locator('main').innerText()).toMatch('does not exist');
    const received = page.locator('dd time').first();
    expect(await received.innerText()).toBe('3/4/2026, 4:00:00 AM'); // the test clock's 10:00 UTC
    expect(await received.getAttribute('title')).toBe('2026-03-04 10:00:00 UTC');
    await shot(page, '2-event-failed');

    const editor = page.locator('textarea[name=content]');
    const content = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
    await editor.fill(JSON.stringify({ ...content, ProductionOrderNumber: 'WO-GOOD' }, null, 2));
    await page.getByRole('button', { name: 'Save content' }).click();
    await page.waitForURL(/notice=/);
    expect(await page.getByRole('status').innerText()).toMatch('saved');

    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.waitForURL(/notice=/);
    await reloadUntil(page, 'Delivered');
    expect(served.fake.received.map((r) => r.order)).toEqual(['WO-GOOD']);
    expect(await page.locator('main').innerText()).toMatch(/Erin Operator\s+edit/);
    await shot(page, '3-event-delivered');
    await page.goto(`${base}/console/events`);
    await shot(page, '4-events');
    await page.goto(`${base}/console/order?id=WO-BAD`);
    await shot(page, '5-order');
    await context.close();
  });
});
