// Debian's Chromium driven by playwright-core (from web/node_modules: no second copy, no browser
// download), with a fresh profile under target/ for every launch.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { diagnoseStacks, projectRoot, targetDir } from './stack.mjs';

const require = createRequire(path.join(projectRoot, 'web', 'package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(name) {
  const userDataDir = path.join(targetDir, `chromium-profile-${name}-${process.pid}`);
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 640 },
  });
  // Every stream request of every tab of this browser, and which are still open.
  const streams = [];
  // Every stream attempt starts with a session POST (also those the server refuses).
  const sessionPosts = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/notifications/stream' && request.method() === 'GET') streams.push({ request, url, open: true });
    if (url.pathname === '/api/notifications/stream/session' && request.method() === 'POST') sessionPosts.push({ at: Date.now(), page: request.frame()?.page() });
  });
  const closed = (request) => {
    for (const s of streams) if (s.request === request) s.open = false;
  };
  context.on('requestfinished', closed);
  context.on('requestfailed', closed);
  return { context, streams, sessionPosts, openStreams: () => streams.filter((s) => s.open) };
}

/** Closes every tab of the browser, leaving one blank tab (the context lives on). */
export async function closeTabs(context) {
  const blank = await context.newPage();
  for (const page of context.pages()) if (page !== blank) await page.close();
}

/**
 * A tab with helpers, and a record of the SSE messages it received (from the DevTools protocol:
 * each message with the connection it came on), to tell what arrived over the stream.
 */
export async function openTab(context, url) {
  const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const tab = new Tab(page);
  tab.listen(cdp);
  await cdp.send('Network.enable');
  try {
    await page.goto(url);
  } catch (e) {
    throw new Error(`${e.message.split('\n')[0]}; ${await tab.unanswered()}`);
  }
  return tab;
}

export class Tab {
  constructor(page) {
    this.page = page;
    this.sse = [];
    // Requests of this tab that have no answer yet, by DevTools request id: { method, path, at, onWire }.
    this.pending = new Map();
  }

  /**
   * Follows the tab's requests over the DevTools protocol: the SSE messages, each with the connection
   * it came on, and which requests still wait for their answer. `requestWillBeSentExtraInfo` comes
   * once the request has gone out on a connection, so a failure can tell a request the browser still
   * holds back (no free connection) from one the server has and does not answer.
   */
  listen(cdp) {
    const urls = new Map();
    cdp.on('Network.requestWillBeSent', (e) => {
      urls.set(e.requestId, e.request.url);
      this.pending.set(e.requestId, { method: e.request.method, path: new URL(e.request.url).pathname, at: Date.now(), onWire: false });
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const request = this.pending.get(e.requestId);
      if (request) request.onWire = true;
    });
    const answered = (e) => this.pending.delete(e.requestId);
    cdp.on('Network.responseReceived', answered);
    cdp.on('Network.loadingFailed', answered);
    cdp.on('Network.eventSourceMessageReceived', (e) => this.sse.push({ url: urls.get(e.requestId), requestId: e.requestId, event: e.eventName, id: e.eventId, data: e.data }));
  }

  /**
   * The requests still unanswered, with how long each has waited and whether it went out, for a
   * failure's message; when one has waited for seconds, also what the stacks' sockets and threads
   * are doing (see diagnoseStacks).
   */
  async unanswered() {
    const now = Date.now();
    const waiting = [...this.pending.values()];
    if (!waiting.length) return 'no request unanswered';
    const lines = waiting.map((r) => `${r.method} ${r.path} (${now - r.at} ms, ${r.onWire ? 'sent to the server' : 'not yet sent by the browser'})`);
    const stuck = waiting.some((r) => now - r.at > 3000);
    return `unanswered: ${lines.join(', ')}${stuck ? `; ${await diagnoseStacks()}` : ''}`;
  }

  status() {
    return this.page.locator('[data-testid=stream-status]').textContent();
  }

  /** The status for a failure's message: at once, '?' when the page shows none. */
  statusNow() {
    return this.page.locator('[data-testid=stream-status]').textContent({ timeout: 1000 }).catch(() => '?');
  }

  async waitForStatus(text, timeout = 15_000) {
    try {
      await this.page.waitForFunction((t) => document.querySelector('[data-testid=stream-status]')?.textContent === t, text, { timeout });
    } catch (e) {
      throw new Error(`stream status not "${text}" after ${timeout} ms: still "${await this.statusNow()}" (${e.message.split('\n')[0]}); ${await this.unanswered()}`);
    }
  }

  /** The badge text, or '' when there is no badge (nothing unread). */
  async badge() {
    const badge = this.page.locator('[data-testid=bell-badge]');
    return (await badge.count()) ? badge.textContent() : '';
  }

  async waitForBadge(text, timeout) {
    try {
      await this.page.waitForFunction((t) => (document.querySelector('[data-testid=bell-badge]')?.textContent ?? '') === t, text, { timeout, polling: 'raf' });
    } catch (e) {
      throw new Error(`badge not "${text}" after ${timeout} ms: it shows "${await this.badge().catch(() => '?')}", stream "${await this.statusNow()}"; ${await this.unanswered()}`);
    }
  }

  async openBell() {
    if ((await this.page.locator('.bell-button').getAttribute('aria-expanded')) !== 'true') await this.page.locator('.bell-button').click();
  }

  /** Titles in the bell's list with their read state, e.g. [['A', 'unread'], ['B', 'read']]. */
  async listed() {
    return this.page.$$eval('.bell-item', (items) =>
      items.map((li) => [li.querySelector('strong')?.childNodes[li.querySelector('strong .visually-hidden') ? 1 : 0]?.textContent ?? '', li.classList.contains('bell-item-unread') ? 'unread' : 'read']),
    );
  }

  /** The `notification` messages received over the stream, as parsed data. */
  streamedNotifications() {
    return this.sse.filter((m) => m.event === 'notification').map((m) => ({ ...JSON.parse(m.data), connection: m.requestId }));
  }
}
