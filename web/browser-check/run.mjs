// Real-browser check of the built page against a fake backend: a real EventSource, a real cookie.
// Needs `npm run build` first and a Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
// Run: npm run check:browser
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startFakeBackend, TOKEN } from './fake-backend.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/index.html missing: run npm run build first');

const backend = await startFakeBackend(dist);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notifications-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? (await context.newPage());
const streamRequests = () => backend.requests.filter((r) => r.path === '/api/notifications/stream');
const statusText = () => page.locator('[data-testid=stream-status]').textContent();
const waitForStatus = (text) =>
  page.waitForFunction((t) => document.querySelector('[data-testid=stream-status]')?.textContent === t, text, { timeout: 5000 });
const badgeText = async () => ((await page.locator('[data-testid=bell-badge]').count()) ? page.locator('[data-testid=bell-badge]').textContent() : null);
const waitForBadge = (text) =>
  page.waitForFunction((t) => document.querySelector('[data-testid=bell-badge]')?.textContent === t, text, { timeout: 5000 });

let failed = false;
async function step(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}\n     ${e.message.split('\n').join('\n     ')}`);
  }
}

try {
  await page.goto(`${backend.url}/?user=demo`);

  await step('opens the stream with the session cookie, after the session POST, without a token in the URL', async () => {
    await waitForStatus('Live');
    const session = backend.requests.findIndex((r) => r.path === '/api/notifications/stream/session');
    const stream = backend.requests.findIndex((r) => r.path === '/api/notifications/stream');
    assert.ok(session >= 0 && stream > session, 'session POST must come first');
    assert.equal(backend.requests[session].authorization, `Bearer ${TOKEN}`);
    assert.match(backend.requests[stream].cookie ?? '', /notification_stream=ok/);
    // Only the seq the list was read at (none yet) goes into the URL.
    assert.equal(backend.requests[stream].search, '?lastEventId=0');
    assert.ok(!backend.requests.some((r) => r.search.includes(TOKEN)), 'the token went into a URL');
  });

  await step('a live success notification updates the badge and shows a toast', async () => {
    backend.create('success', 'Transcription Complete');
    await waitForBadge('1');
    await page.waitForSelector('[data-testid=toast]', { timeout: 3000 });
    assert.deepEqual(await page.locator('[data-testid=toast] .toast-title').allTextContents(), ['Transcription Complete']);
  });

  await step('a live info notification counts and toasts too, politely', async () => {
    backend.create('info', 'Just so you know');
    await waitForBadge('2');
    assert.deepEqual(await page.locator('[aria-live=polite] [data-testid=toast] .toast-title').allTextContents(), ['Just so you know', 'Transcription Complete']);
    assert.equal(await page.locator('.bell-button').getAttribute('aria-label'), 'Notifications, 2 unread');
  });

  await step('after a drop: one reconnect after about 1 s, resuming after the last seq, nothing missed or doubled', async () => {
    const before = streamRequests().length;
    backend.dropStreams();
    backend.create('info', 'Created while the stream was down', false);
    await page.waitForFunction(() => document.querySelector('[data-testid=stream-status]')?.textContent?.startsWith('Reconnecting'), null, { timeout: 3000 });
    await page.waitForTimeout(600);
    assert.equal(streamRequests().length, before, 'reconnected before the 1 s backoff (did the native EventSource retry?)');
    await waitForStatus('Live');
    const after = streamRequests().slice(before);
    assert.equal(after.length, 1, `expected exactly one new stream request, got ${after.length}`);
    assert.equal(after[0].search, '?lastEventId=2');
    assert.equal(after[0].lastEventIdHeader, null);
    await waitForBadge('3');
    await page.locator('.bell-button').click();
    const titles = await page.locator('.bell-item strong').allTextContents();
    assert.deepEqual(titles.map((t) => t.replace(/^Unread: /, '')), ['Created while the stream was down', 'Just so you know', 'Transcription Complete']);
  });

  await step('mark read from the dropdown', async () => {
    await page.getByRole('button', { name: 'Mark as read: Just so you know' }).click();
    await waitForBadge('2');
    const post = backend.requests.find((r) => r.method === 'POST' && r.path.endsWith('/read'));
    assert.equal(post?.path, '/api/notifications/n-2/read');
    assert.equal(post?.authorization, `Bearer ${TOKEN}`);
  });

  await step('Escape closes the dropdown and returns focus to the bell', async () => {
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.bell-panel').isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('bell-button')), true);
  });
  await step('two tabs share one stream; when the leading tab closes, the other takes over and resumes', async () => {
    const second = await context.newPage();
    await second.goto(`${backend.url}/?user=demo`);
    await second.waitForFunction(() => document.querySelector('[data-testid=stream-status]')?.textContent === 'Live', null, { timeout: 5000 });
    const before = streamRequests().length;
    backend.create('error', 'Shared to both tabs');
    for (const p of [page, second]) {
      await p.waitForFunction(() => document.querySelector('[data-testid=bell-badge]')?.textContent === '3', null, { timeout: 5000 });
    }
    assert.equal(streamRequests().length, before, 'the second tab opened a stream of its own');

    await page.close();
    await second.waitForFunction(() => document.querySelector('[data-testid=stream-status]')?.textContent === 'Live', null, { timeout: 5000 });
    await second.waitForTimeout(300);
    const after = streamRequests().slice(before);
    assert.equal(after.length, 1, `expected one takeover stream, got ${after.length}`);
    assert.equal(after[0].search, '?lastEventId=4');
    backend.create('success', 'After the handover');
    await second.waitForFunction(() => document.querySelector('[data-testid=bell-badge]')?.textContent === '4', null, { timeout: 5000 });
  });

  await step('Sign out closes the stream, ends the stream session and stays signed out on reload, until Sign in', async () => {
    const tab = context.pages().find((p) => !p.isClosed());
    await tab.getByRole('button', { name: 'Sign out' }).click();
    await tab.getByText(/Not signed in/).waitFor({ timeout: 5000 });
    const deletes = backend.requests.filter((r) => r.method === 'DELETE' && r.path === '/api/notifications/stream/session');
    assert.equal(deletes.length, 1, 'no DELETE of the stream session');
    assert.equal(await tab.evaluate(() => sessionStorage.getItem('notifications.accessToken')), null, 'the token is still kept');
    const tokensBefore = backend.requests.filter((r) => r.path === '/dev/token').length;
    await tab.reload();
    await tab.getByText(/Not signed in/).waitFor({ timeout: 5000 });
    assert.equal(backend.requests.filter((r) => r.path === '/dev/token').length, tokensBefore, 'signed in again by itself');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForFunction(() => document.querySelector('[data-testid=stream-status]')?.textContent === 'Live', null, { timeout: 5000 });
  });
} finally {
  if (!page.isClosed()) console.log(`status: ${await statusText().catch(() => '?')}, badge: ${await badgeText().catch(() => '?')}`);
  await context.close();
  await backend.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
