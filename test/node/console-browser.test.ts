// End to end in a real browser: Debian's Chromium driven by playwright-core against the bridge
// served over HTTP, with a fake D365 that refuses one production order. An operator signs in,
// finds the failed posting, fixes its content, retries it, and sees it delivered. The pages move
// by themselves (and stop when paused), without a CSP violation, and fit a tablet.
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

  async function signIn(width: number, javaScriptEnabled = true) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
    const page = await context.newPage();
    // A CSP violation (a refused fetch, an inline script) and any script error show up here.
    const problems: string[] = [];
    // (Chromium's own favicon request aside: the bridge has none.)
    page.on('console', (m) => void (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && problems.push(m.text())));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/console/login`);
    await page.getByLabel('Your name').fill('Lee Live');
    await page.getByLabel('Admin token').fill(ADMIN_TEST_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/console`);
    return { context, page, problems };
  }

  it('the overview and the events move by themselves, keep a field being typed in, and stop when paused', async () => {
    const { context, page, problems } = await signIn(1280);
    const accepted = page.locator('a.card', { hasText: 'Accepted' }).locator('.n');
    const count = async () => Number(await accepted.innerText());
    const before = await count();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true)); // gone if the page reloads
    await post(h, '/nextplus/device', realEvent('device-add', { serial: 'LIVE-1' }));
    await expect.poll(count, { timeout: 15_000, interval: 250 }).toBe(before + 1);
    expect(await page.locator('main').innerText()).toMatch(/Deliveries per minute, last hour: \d+ accepted/);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await shot(page, '6-overview-live');

    // The events list: a search being typed keeps its text and the focus while new rows arrive.
    await page.goto(`${base}/console/events`);
    const search = page.getByLabel('Search');
    await search.fill('half-typed');
    await post(h, '/nextplus/device', realEvent('device-add', { serial: 'LIVE-2' }));
    await page.locator('tbody', { hasText: 'LIVE-2' }).waitFor({ timeout: 15_000 });
    expect(await search.inputValue()).toBe('half-typed');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);

    // Paused: nothing moves, on this page or the next; resumed: it catches up at once.
    await page.getByRole('button', { name: 'Pause updates' }).click();
    await page.goto(`${base}/console`);
    expect(await page.getByRole('button', { name: 'Resume updates' }).getAttribute('aria-pressed')).toBe('true');
    const paused = await count();
    await post(h, '/nextplus/device', realEvent('device-add', { serial: 'LIVE-3' }));
    await new Promise((r) => setTimeout(r, 7_000)); // longer than the refresh interval
    expect(await count()).toBe(paused);
    await page.getByRole('button', { name: 'Resume updates' }).click();
    await expect.poll(count, { timeout: 5_000, interval: 250 }).toBe(paused + 1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('at 820 px the events table stacks: every row keeps its status in sight, each cell labelled', async () => {
    // Long values, as a plant's ids can be: in one row they push the last columns out of sight.
    await post(h, '/nextplus/device', realEvent('device-add', { serial: `SN-${'7'.repeat(30)}`, workorderExternalId: `ERP-ORDER-${'4'.repeat(24)}` }));
    const { context, page, problems } = await signIn(820);
    await page.goto(`${base}/console/events`);
    const row = page.locator('tbody tr').first();
    const status = row.locator('.chip').last();
    const box = (await status.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(820);
    const wrap = page.locator('.table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const [first, second] = await Promise.all([0, 1].map(async (i) => (await row.locator('td').nth(i).boundingBox())!));
    expect(second!.y).toBeGreaterThan(first!.y); // one cell under the other
    expect(await row.locator('td').last().getAttribute('data-label')).toBe('Postings');
    await shot(page, '7-events-820');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('without script the pages still show everything, the charts included, and offer no pause switch', async () => {
    const { context, page } = await signIn(1280, false);
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await page.locator('main').innerText()).toMatch('Send latency per target');
    expect(await page.locator('[data-live-switch]').isVisible()).toBe(false);
    await context.close();
  });
});
