// The dashboard in a real Chromium against the real local stack (PostgreSQL, Kafka, the writer,
// two gateways behind one origin): live badge and toast, two tabs sharing one stream, the bell's
// screenshot, and a gateway outage that the page rides out with its backoff and resume.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { closeTabs, launchBrowser, openTab } from './support/browser.mjs';
import { LocalStack, startStack, targetDir, until } from './support/stack.mjs';

describe('dashboard on the local stack, live updates on', () => {
  let stack;
  let browser;

  before(async () => {
    stack = await startStack('live');
    browser = await launchBrowser('live');
  });

  // Also after a failure: a tab left open would keep holding its user's stream.
  afterEach(() => browser && closeTabs(browser.context));

  after(async () => {
    await browser?.context.close();
    await stack?.stop();
  });

  it('shows the list and the count from the writer, with the demo token of ?user= from /dev/token; screenshot of the bell', async () => {
    for (const [type, title] of [
      ['info', 'Welcome to coaching'],
      ['warning', 'Session starts in 10 minutes'],
      ['success', 'Transcript ready'],
    ]) {
      await stack.createNotification({ user_id: 'erin', type, title });
    }
    const tokenRequests = [];
    browser.context.on('request', (r) => new URL(r.url()).pathname === '/dev/token' && tokenRequests.push(r.url()));
    const tab = await openTab(browser.context, `${stack.origin}/?user=erin`);
    await tab.waitForBadge('3', 15_000);
    assert.deepEqual(tokenRequests.map((u) => new URL(u).search), ['?user=erin']);
    assert.match(await tab.page.locator('.dashboard-user').textContent(), /Signed in as erin/);
    await tab.openBell();
    assert.deepEqual(await tab.listed(), [
      ['Transcript ready', 'unread'],
      ['Session starts in 10 minutes', 'unread'],
      ['Welcome to coaching', 'unread'],
    ]);

    const artifacts = path.join(targetDir, 'artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    const button = await tab.page.locator('.bell-button').boundingBox();
    const panel = await tab.page.locator('.bell-panel').boundingBox();
    const x = Math.max(0, Math.min(button.x, panel.x) - 8);
    const y = Math.max(0, Math.min(button.y, panel.y) - 8);
    const clip = { x, y, width: Math.max(button.x + button.width, panel.x + panel.width) + 8 - x, height: Math.max(button.y + button.height, panel.y + panel.height) + 8 - y };
    const file = path.join(artifacts, 'bell.png');
    await tab.page.screenshot({ path: file, clip });
    await tab.page.screenshot({ path: path.join(artifacts, 'dashboard.png') });
    const png = fs.readFileSync(file);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.length > 2000, `screenshot too small: ${png.length} bytes`);
    await tab.page.close();
  });

  it('a success created through the writer turns up in the badge within 1 s, without a reload, with a toast', async () => {
    const tab = await openTab(browser.context, `${stack.origin}/?user=ann`);
    await tab.waitForStatus('Live');
    assert.equal(await tab.badge(), '');
    await tab.page.evaluate(() => (window.__sameDocument = true));

    const started = Date.now();
    const badge = tab.waitForBadge('1', 5_000).then(() => Date.now() - started);
    const created = await stack.createNotification({ user_id: 'ann', type: 'success', title: 'Session booked' });
    const elapsed = await badge;
    assert.ok(elapsed <= 1000, `badge updated after ${elapsed} ms`);
    await tab.page.locator('[data-testid=toast]', { hasText: 'Session booked' }).waitFor({ timeout: 2000 });
    assert.equal(await tab.page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
    assert.deepEqual(
      tab.streamedNotifications().map((n) => n.id),
      [created.id],
    );
    await tab.page.close();
  });

  it('Sign out closes the stream, asks the gateway to end the stream session, forgets the token and shows the signed-out state', async () => {
    const before = browser.streams.length;
    const tab = await openTab(browser.context, `${stack.origin}/?user=sam`);
    await tab.waitForStatus('Live');
    const samStreams = () => browser.streams.slice(before).filter((st) => st.open);
    assert.equal(samStreams().length, 1);
    const deletes = [];
    const onRequest = (r) => {
      if (r.method() === 'DELETE' && new URL(r.url()).pathname === '/api/notifications/stream/session') deletes.push(r);
    };
    browser.context.on('request', onRequest);
    try {
      await tab.page.getByRole('button', { name: 'Sign out' }).click();
      await tab.page.getByText(/Not signed in/).waitFor({ timeout: 5_000 });
      await until('the DELETE of the stream session', async () => deletes.length === 1, { timeoutMs: 5_000 });
      assert.equal((await deletes[0].response())?.status(), 204);
      assert.equal(await tab.page.evaluate(() => sessionStorage.getItem('notifications.accessToken')), null);
      await until('the stream to be closed', async () => samStreams().length === 0, { timeoutMs: 5_000 });
    } finally {
      browser.context.off('request', onRequest);
    }
    await tab.page.close();
  });

  it('two tabs of one user hold one stream between them, and marking read in one updates the other', async () => {
    for (const title of ['First for dora', 'Second for dora']) await stack.createNotification({ user_id: 'dora', type: 'info', title });
    const before = browser.streams.length;
    const one = await openTab(browser.context, `${stack.origin}/?user=dora`);
    await one.waitForStatus('Live');
    const two = await openTab(browser.context, `${stack.origin}/?user=dora`);
    await two.waitForStatus('Live');
    await one.waitForBadge('2', 10_000);
    await two.waitForBadge('2', 10_000);
    const doraStreams = () => browser.streams.slice(before).filter((s) => s.open);
    assert.equal(doraStreams().length, 1, `open streams for the two tabs: ${doraStreams().map((s) => s.url.href).join(', ')}`);

    // The first tab leads: its read reaches the second over the shared stream, and the other way round.
    await one.openBell();
    await one.page.getByRole('button', { name: 'Mark as read: First for dora' }).click();
    await two.openBell();
    await two.waitForBadge('1', 5_000);
    await two.page.getByRole('button', { name: 'Mark as read: First for dora' }).waitFor({ state: 'detached', timeout: 5_000 });

    await two.page.getByRole('button', { name: 'Mark as read: Second for dora' }).click();
    await one.waitForBadge('', 5_000);
    await one.page.getByRole('button', { name: 'Mark as read: Second for dora' }).waitFor({ state: 'detached', timeout: 5_000 });
    assert.deepEqual(await one.listed(), [
      ['Second for dora', 'read'],
      ['First for dora', 'read'],
    ]);
    assert.equal(doraStreams().length, 1);
    await two.page.close();
    await one.page.close();
  });

  it('rides out an outage of both gateways with backoff, then resumes and shows every notification created meanwhile, once', async () => {
    const tab = await openTab(browser.context, `${stack.origin}/?user=ben`);
    await tab.waitForStatus('Live');
    await stack.createNotification({ user_id: 'ben', type: 'info', title: 'Before the outage' });
    await tab.waitForBadge('1', 5_000);
    const lastSeqBefore = Math.max(...tab.streamedNotifications().map((n) => n.seq));
    const streamsBefore = browser.streams.length;

    // Crash both replicas (their command lines are kept to start identical ones later).
    const gateways = stack.gateways();
    const commands = gateways.map((g) => LocalStack.commandLine(g.pid));
    for (const g of gateways) await stack.killGateway(g);
    await until('the page to notice', async () => (await tab.status()).startsWith('Reconnecting'), { timeoutMs: 10_000 });

    const outageStart = Date.now();
    const meanwhile = [];
    for (const title of ['During the outage 1', 'During the outage 2', 'During the outage 3']) {
      meanwhile.push(await stack.createNotification({ user_id: 'ben', type: 'info', title }));
    }
    // Let a few attempts fail while the replicas are down: each waits about twice as long as the last.
    const attempts = () => browser.sessionPosts.filter((p) => p.at >= outageStart && p.page === tab.page).map((p) => p.at);
    await until('three refused reconnect attempts', () => attempts().length >= 3, { timeoutMs: 20_000 });
    const [a1, a2, a3] = attempts();
    assert.ok(a2 - a1 >= 1500 && a3 - a2 >= 3500, `attempts not backing off: ${a2 - a1} ms, then ${a3 - a2} ms`);
    assert.ok((await tab.status()).startsWith('Reconnecting'));
    for (let i = 0; i < gateways.length; i++) await stack.startGatewayLike(commands[i], gateways[i].port);

    await tab.waitForStatus('Live', 60_000);
    await tab.waitForBadge('4', 15_000);
    const resumed = browser.streams.slice(streamsBefore).filter((s) => s.url.searchParams.has('lastEventId'));
    assert.ok(resumed.length >= 1, 'no stream request resumed with lastEventId');
    assert.equal(resumed[0].url.searchParams.get('lastEventId'), String(lastSeqBefore));
    // The badge may already read 4 from polling during the outage; the replayed frames follow the
    // connected frame once the gateway has read the history from the writer.
    const streamedTitles = () => tab.streamedNotifications().map((n) => n.title);
    await until('the missed notifications replayed over the stream', () => meanwhile.every((n) => streamedTitles().includes(n.title)), {
      timeoutMs: 15_000,
    }).catch((e) => assert.fail(`${e.message}; over the stream: ${JSON.stringify(streamedTitles())}`));
    const streamed = streamedTitles();
    for (const n of meanwhile) assert.equal(streamed.filter((t) => t === n.title).length, 1, `${n.title} over the stream: ${JSON.stringify(streamed)}`);
    await tab.openBell();
    const titles = (await tab.listed()).map(([t]) => t);
    assert.deepEqual(titles, ['During the outage 3', 'During the outage 2', 'During the outage 1', 'Before the outage']);
    await tab.page.close();
  });
});
