// The dashboard when the stream's feature flag is off (notifications.sse.enabled=false on the
// gateways): no live stream, and the badge still follows the server by polling.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { closeTabs, launchBrowser, openTab } from './support/browser.mjs';
import { startStack, until } from './support/stack.mjs';

describe('dashboard on the local stack, live updates off (notifications.sse.enabled=false)', () => {
  let stack;
  let browser;

  before(async () => {
    // Both gateways start with the feature switch off (the story's enable_sse_notifications).
    stack = await startStack('flag-off', { gatewayProperties: { 'notifications.sse.enabled': 'false' } });
    browser = await launchBrowser('flag-off');
  });

  afterEach(() => browser && closeTabs(browser.context));

  after(async () => {
    await browser?.context.close();
    await stack?.stop();
  });

  it('the gateways refuse the stream, so the flag has reached them', async () => {
    const token = await stack.token({ user: 'cole' });
    const response = await fetch(`${stack.origin}/api/notifications/stream`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
      signal: AbortSignal.timeout(5000),
    });
    const type = response.headers.get('content-type') ?? '';
    await response.body?.cancel();
    assert.ok(!(response.status === 200 && type.startsWith('text/event-stream')), `the stream is served: ${response.status} ${type}`);
  });

  it('the badge still updates by polling, without a reload and without ever going live', async () => {
    const tab = await openTab(browser.context, `${stack.origin}/?user=cole`);
    await tab.page.waitForSelector('[data-testid=stream-status]');
    // Every status the page shows from now on.
    await tab.page.evaluate(() => {
      const el = document.querySelector('[data-testid=stream-status]');
      window.__statuses = [el.textContent];
      new MutationObserver(() => window.__statuses.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
      window.__sameDocument = true;
    });
    assert.equal(await tab.badge(), '');

    await stack.createNotification({ user_id: 'cole', type: 'success', title: 'Polled, not pushed' });
    // Polling every 10 s while there is no stream: within two periods, with room for a slow machine.
    await tab.waitForBadge('1', 25_000);
    await tab.openBell();
    // The count and the list are two requests: the list may follow the badge by a moment.
    await until('the polled notification in the list', async () => (await tab.listed()).length > 0, { timeoutMs: 5_000 });
    assert.deepEqual(await tab.listed(), [['Polled, not pushed', 'unread']]);
    assert.equal(await tab.page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
    const statuses = await tab.page.evaluate(() => window.__statuses);
    assert.ok(!statuses.includes('Live'), `went live: ${statuses.join(' → ')}`);
    assert.equal(tab.streamedNotifications().length, 0);
    // A notification that arrives by polling is not "live": no toast for it.
    assert.equal(await tab.page.locator('[data-testid=toast]').count(), 0);
    await tab.page.close();
  });
});
