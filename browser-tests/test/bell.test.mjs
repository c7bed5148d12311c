// The bell as people use it, in a real Chromium against the real local stack: the keyboard alone,
// older pages by the writer's cursor, toasts that go or stay by type, an accessibility scan, and
// screenshots of it all for target/artifacts (linked from web/README.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { seriousViolations } from './support/axe.mjs';
import { closeTabs, launchBrowser, openTab } from './support/browser.mjs';
import { startStack, targetDir, until } from './support/stack.mjs';

const artifacts = path.join(targetDir, 'artifacts');

/** Realistic notifications of a coaching platform, of the four types in turn. */
const SAMPLES = [
  ['info', 'New message from your coach', 'Maria sent you notes from Tuesday’s session'],
  ['success', 'Session booked', 'Thursday 10:00 with Maria, 45 minutes'],
  ['warning', 'Session starts in 10 minutes', 'Join the video call from the session page'],
  ['error', 'Session cancelled', 'Your coach cancelled the 3pm session'],
];

async function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      bell: el?.classList.contains('bell-button') ?? false,
      inPanel: document.querySelector('.bell-panel')?.contains(el) ?? false,
      item: el?.classList.contains('bell-item-main') ? el.querySelector('.bell-item-title')?.textContent : null,
    };
  });
}

async function saveScreenshot(page, name, clip) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  const png = fs.readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.length > 2000, `${name} too small: ${png.length} bytes`);
}

/** The box around the given elements, with a margin, inside the viewport. */
async function around(page, selectors, margin = 8) {
  const boxes = [];
  for (const s of selectors) boxes.push(await page.locator(s).first().boundingBox());
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  return { x, y, width: right - x, height: bottom - y };
}

describe('the bell on the local stack: keyboard, paging, toasts, accessibility', () => {
  let stack;
  let browser;

  before(async () => {
    stack = await startStack('bell');
    browser = await launchBrowser('bell');
  });

  afterEach(() => browser && closeTabs(browser.context));

  after(async () => {
    await browser?.context.close();
    await stack?.stop();
  });

  it('works with the keyboard alone: Tab to the bell, Enter opens, arrows move, Enter marks read, Tab stays inside, Escape gives the focus back', async () => {
    for (let i = 1; i <= 4; i++) await stack.createNotification({ user_id: 'kim', type: SAMPLES[i % 4][0], title: `Keyboard ${i}` });
    const tab = await openTab(browser.context, `${stack.origin}/?user=kim`);
    await tab.waitForBadge('4', 15_000);
    const { page } = tab;
    assert.ok(await page.getByRole('button', { name: 'Notifications, 4 unread' }).isVisible());

    for (let i = 0; i < 6 && !(await focusedInfo(page)).bell; i++) await page.keyboard.press('Tab');
    assert.ok((await focusedInfo(page)).bell, 'Tab never reached the bell');

    await page.keyboard.press('Enter');
    await page.locator('.bell-panel').waitFor({ state: 'visible', timeout: 2000 });
    assert.equal(await page.locator('.bell-button').getAttribute('aria-expanded'), 'true');
    assert.equal((await focusedInfo(page)).item, 'Keyboard 4');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focusedInfo(page)).item, 'Keyboard 2');
    await page.keyboard.press('End');
    assert.equal((await focusedInfo(page)).item, 'Keyboard 1');
    await page.keyboard.press('ArrowUp');
    assert.equal((await focusedInfo(page)).item, 'Keyboard 2');

    await page.keyboard.press('Enter');
    await tab.waitForBadge('3', 5_000);
    assert.deepEqual((await tab.listed()).find(([t]) => t === 'Keyboard 2'), ['Keyboard 2', 'read']);
    assert.equal((await focusedInfo(page)).item, 'Keyboard 2');
    assert.ok(await page.getByRole('button', { name: 'Notifications, 3 unread' }).isVisible());

    // Round the panel twice in each direction: the focus never leaves it.
    const stops = await page.evaluate(() => [...document.querySelectorAll('.bell-panel button, .bell-panel input')].filter((el) => el.tabIndex >= 0 && !el.disabled).length);
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 2 * stops + 1; i++) {
        await page.keyboard.press(key);
        assert.ok((await focusedInfo(page)).inPanel, `${key} #${i + 1} left the panel`);
      }
    }

    await page.keyboard.press('Escape');
    await page.locator('.bell-panel').waitFor({ state: 'hidden', timeout: 2000 });
    assert.ok((await focusedInfo(page)).bell, 'Escape did not give the focus back to the bell');

    await page.keyboard.press('Space');
    await page.locator('.bell-panel').waitFor({ state: 'visible', timeout: 2000 });
    assert.equal((await focusedInfo(page)).item, 'Keyboard 4');
    // A click outside closes it too, and the focus goes back to the bell.
    await page.locator('h1').click();
    await page.locator('.bell-panel').waitFor({ state: 'hidden', timeout: 2000 });
    await until('the focus back on the bell', async () => (await focusedInfo(page)).bell, { timeoutMs: 2000 });
    await page.close();
  });

  it('pages through older notifications created through the writer, following its cursor to the end', async () => {
    for (let i = 1; i <= 45; i++) await stack.createNotification({ user_id: 'pat', type: SAMPLES[i % 4][0], title: `Older ${i}` });
    const lists = [];
    const onRequest = (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/notifications' && r.method() === 'GET') lists.push(url.searchParams);
    };
    browser.context.on('request', onRequest);
    try {
      const tab = await openTab(browser.context, `${stack.origin}/?user=pat`);
      await tab.waitForBadge('45', 15_000);
      await tab.openBell();
      const titles = async () => (await tab.listed()).map(([t]) => t);
      assert.equal((await titles()).length, 20);
      assert.equal((await titles())[0], 'Older 45');

      const older = tab.page.getByRole('button', { name: 'Show older' });
      await older.click();
      await until('40 listed', async () => (await titles()).length === 40, { timeoutMs: 5000 });
      await older.click();
      await until('45 listed', async () => (await titles()).length === 45, { timeoutMs: 5000 });
      assert.deepEqual(await titles(), Array.from({ length: 45 }, (_, i) => `Older ${45 - i}`));
      assert.equal(await older.count(), 0, '"Show older" still offered after the last page');

      const paged = lists.filter((q) => q.has('cursor'));
      assert.equal(paged.length, 2, `older pages asked for: ${lists.map((q) => q.toString()).join(' | ')}`);
      assert.notEqual(paged[0].get('cursor'), paged[1].get('cursor'));

      // Unread only: mark one read, and the filter leaves it out.
      await tab.page.getByRole('button', { name: 'Mark as read: Older 44' }).click();
      await tab.waitForBadge('44', 5000);
      await tab.page.getByRole('checkbox', { name: 'Unread only' }).check();
      assert.equal((await titles()).length, 44);
      assert.ok(!(await titles()).includes('Older 44'));
      await tab.page.close();
    } finally {
      browser.context.off('request', onRequest);
    }
  });

  it('an info toast goes by itself, an error toast stays until closed; title above message, motion only when not reduced; screenshot of a toast', async () => {
    const tab = await openTab(browser.context, `${stack.origin}/?user=tia`);
    await tab.waitForStatus('Live');
    const { page } = tab;
    await stack.createNotification({ user_id: 'tia', type: 'error', title: 'Session cancelled', message: 'Your coach cancelled the 3pm session' });
    const error = page.locator('[data-testid=toast]', { hasText: 'Session cancelled' });
    await error.waitFor({ timeout: 3000 });
    await stack.createNotification({ user_id: 'tia', type: 'info', title: 'New message from your coach', message: 'Maria sent you notes' });
    const info = page.locator('[data-testid=toast]', { hasText: 'New message from your coach' });
    await info.waitFor({ timeout: 3000 });
    const infoShown = Date.now();

    assert.equal(await error.evaluate((el) => el.parentElement.getAttribute('aria-live')), 'assertive');
    assert.equal(await info.evaluate((el) => el.parentElement.getAttribute('aria-live')), 'polite');
    // Stacked: the message starts below the title and takes most of the toast's width.
    const toastBox = await error.boundingBox();
    const titleBox = await error.locator('.toast-title').boundingBox();
    const messageBox = await error.locator('.toast-message').boundingBox();
    assert.ok(messageBox.y >= titleBox.y + titleBox.height - 1, `message at ${messageBox.y}, title ends at ${titleBox.y + titleBox.height}`);
    assert.ok(messageBox.width > 0.6 * toastBox.width, `message ${messageBox.width} px wide in a ${toastBox.width} px toast`);
    assert.ok((await error.getByRole('button', { name: 'Dismiss: Session cancelled' }).boundingBox()).width >= 24);
    assert.equal(await error.evaluate((el) => getComputedStyle(el).animationName), 'toast-in');
    await saveScreenshot(page, 'toast.png', await around(page, ['.toasts']));

    await info.waitFor({ state: 'detached', timeout: 10_000 });
    const infoLasted = Date.now() - infoShown;
    assert.ok(infoLasted >= 5000, `the info toast went after ${infoLasted} ms`);
    assert.ok(await error.isVisible(), 'the error toast went by itself');
    await error.getByRole('button', { name: 'Dismiss: Session cancelled' }).click();
    await error.waitFor({ state: 'detached', timeout: 2000 });

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await stack.createNotification({ user_id: 'tia', type: 'success', title: 'Transcript ready' });
    const calm = page.locator('[data-testid=toast]', { hasText: 'Transcript ready' });
    await calm.waitFor({ timeout: 3000 });
    assert.equal(await calm.evaluate((el) => getComputedStyle(el).animationName), 'none');
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe-core), closed, open with 25 notifications of all four types, and with toasts; screenshots', async () => {
    for (let i = 0; i < 25; i++) {
      const [type, title, message] = SAMPLES[i % 4];
      await stack.createNotification({ user_id: 'uma', type, title: `${title} (${i + 1})`, message });
    }
    const tab = await openTab(browser.context, `${stack.origin}/?user=uma`);
    await tab.waitForStatus('Live');
    await tab.waitForBadge('25', 15_000);
    const { page } = tab;
    assert.deepEqual(await seriousViolations(page), [], 'dashboard with the bell closed');
    await saveScreenshot(page, 'bell-closed.png', await around(page, ['.dashboard-header']));
    await saveScreenshot(page, 'dashboard-activity.png');

    await tab.openBell();
    await page.getByRole('button', { name: 'Show older' }).click();
    await until('25 listed', async () => (await tab.listed()).length === 25, { timeoutMs: 5000 });
    const types = await page.$$eval('.bell-item', (items) => [...new Set(items.map((li) => [...li.classList].find((c) => /^bell-item-(info|success|warning|error)$/.test(c))))].sort());
    assert.deepEqual(types, ['bell-item-error', 'bell-item-info', 'bell-item-success', 'bell-item-warning']);
    await page.evaluate(() => document.querySelector('.bell-panel').scrollTo(0, 0));
    assert.deepEqual(await seriousViolations(page), [], 'the open panel');
    await saveScreenshot(page, 'bell-open.png', await around(page, ['.bell-button', '.bell-panel']));
    await page.keyboard.press('Escape');

    for (const [type, title, message] of SAMPLES) await stack.createNotification({ user_id: 'uma', type, title, message });
    await until('three toasts and a summary', async () => (await page.locator('[data-testid=toast]').count()) === 3 && (await page.locator('[data-testid=toast-more]').count()) === 1, {
      timeoutMs: 5000,
    });
    assert.equal(await page.locator('[data-testid=toast-more]').textContent(), '+1 more');
    assert.deepEqual(await seriousViolations(page), [], 'with toasts');
    await saveScreenshot(page, 'toasts.png', await around(page, ['.toasts']));
    await page.close();
  });
});
