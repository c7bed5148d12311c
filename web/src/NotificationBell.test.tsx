import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationBell } from './NotificationBell';
import { NotificationProvider, UNDO_DELETE_MS } from './NotificationProvider';
import { FakeEventSource } from './test/FakeEventSource';
import { fakeApi, notification } from './test/fakeApi';
import type { NotificationItem } from './types';

async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function renderBell(initial: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(initial);
  render(
    <NotificationProvider api={fake.api}>
      <NotificationBell />
    </NotificationProvider>,
  );
  await advance();
  const es = FakeEventSource.latest();
  act(() => es.open());
  return { ...fake, es };
}

const bellButton = () => screen.getByRole('button', { name: /^Notifications,/ });
const panel = () => screen.getByRole('dialog', { name: 'Notifications' });
const items = () => within(panel()).queryAllByRole('listitem');
const itemButtons = () => items().map((li) => li.querySelector('.bell-item-main') as HTMLButtonElement);
const titles = () => items().map((li) => li.querySelector('.bell-item-title')?.textContent);
// By class, not by role: computing every button's accessible name in a list of 45 is slow under jsdom.
const showOlder = () => {
  const button = panel().querySelector<HTMLButtonElement>('.bell-older');
  if (button) expect(button.textContent).toBe('Show older');
  return button;
};
/** `count` notifications, newest first, ids n<count> .. n1, of the four types in turn. */
const many = (count: number, extra: (i: number) => Partial<NotificationItem> = () => ({})) =>
  Array.from({ length: count }, (_, k) => {
    const i = count - k;
    return notification(`n${i}`, i, { title: `Title ${i}`, type: (['info', 'success', 'warning', 'error'] as const)[i % 4], ...extra(i) });
  });

/** Focus changes the current row (state), so it goes through act() like any other event. */
const focus = (el: HTMLElement) => act(() => el.focus());

async function openWithKeyboard() {
  focus(bellButton());
  // A native button turns Enter and Space into a click; jsdom does not, so the click stands for it.
  fireEvent.click(bellButton());
  await advance();
}

describe('NotificationBell', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  it('shows the unread count on the badge and in the button name', async () => {
    await renderBell({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2 });
    expect(screen.getByTestId('bell-badge').textContent).toBe('2');
    expect(bellButton().getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(screen.getByRole('status', { name: 'Unread notifications' }).textContent).toBe('2 unread notifications');
  });

  it('shows no badge when nothing is unread', async () => {
    await renderBell();
    expect(screen.queryByTestId('bell-badge')).toBeNull();
    expect(bellButton().getAttribute('aria-label')).toBe('Notifications, no unread');
  });

  it('caps the badge text at 99+', async () => {
    await renderBell({ unreadCount: 150 });
    expect(screen.getByTestId('bell-badge').textContent).toBe('99+');
    expect(bellButton().getAttribute('aria-label')).toBe('Notifications, 150 unread');
  });

  it('updates the badge at once when a notification arrives on the stream', async () => {
    const { es } = await renderBell();
    act(() => es.emit('notification', notification('n1', 1), 1));
    expect(screen.getByTestId('bell-badge').textContent).toBe('1');
    act(() => es.emit('notification', notification('n1', 1), 1));
    expect(screen.getByTestId('bell-badge').textContent).toBe('1');
  });

  it('opens as a dialog with focus on the first notification, closes with Escape and gives focus back to the bell', async () => {
    await renderBell({ list: many(3), unreadCount: 3 });
    const dialog = document.getElementById(bellButton().getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(dialog.hidden).toBe(true);
    expect(bellButton().getAttribute('aria-expanded')).toBe('false');
    expect(bellButton().getAttribute('aria-haspopup')).toBe('dialog');

    await openWithKeyboard();
    expect(dialog.hidden).toBe(false);
    expect(panel()).toBe(dialog);
    expect(bellButton().getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(itemButtons()[0]);

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(dialog.hidden).toBe(true);
    expect(document.activeElement).toBe(bellButton());
  });

  it('closes with Escape also when focus is elsewhere on the page', async () => {
    await renderBell({ list: [notification('a', 1)], unreadCount: 1 });
    fireEvent.click(bellButton());
    const dialog = panel();
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(dialog.hidden).toBe(true);
    expect(document.activeElement).toBe(bellButton());
  });

  it('closes on a click outside and gives focus back to the bell, unless the click went to another control', async () => {
    await renderBell({ list: [notification('a', 1)], unreadCount: 1 });
    await openWithKeyboard();
    const dialog = panel();
    fireEvent.mouseDown(document.body);
    await advance();
    expect(dialog.hidden).toBe(true);
    expect(document.activeElement).toBe(bellButton());

    const other = document.body.appendChild(document.createElement('button'));
    await openWithKeyboard();
    fireEvent.mouseDown(other);
    focus(other);
    await advance();
    expect(dialog.hidden).toBe(true);
    expect(document.activeElement).toBe(other);
    other.remove();
  });

  it('moves between notifications with the arrow keys, Home and End; only one of them is in the Tab order', async () => {
    await renderBell({ list: many(4), unreadCount: 4 });
    await openWithKeyboard();
    const [first, second, third, fourth] = itemButtons();
    expect(itemButtons().map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    expect(itemButtons().map((b) => b.tabIndex)).toEqual([-1, 0, -1, -1]);
    fireEvent.keyDown(second, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: 'End' });
    expect(document.activeElement).toBe(fourth);
    fireEvent.keyDown(fourth, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(fourth);
    fireEvent.keyDown(fourth, { key: 'Home' });
    expect(document.activeElement).toBe(first);
    // From a row's own buttons too.
    const del = within(items()[0]).getByRole('button', { name: /^Delete:/ });
    focus(del);
    fireEvent.keyDown(del, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
  });

  it('keeps Tab and Shift+Tab inside the open panel', async () => {
    await renderBell({ list: many(2), unreadCount: 2 });
    await openWithKeyboard();
    const focusable = [...panel().querySelectorAll<HTMLElement>('button:not([disabled]), input, [tabindex="0"]')].filter((el) => el.tabIndex >= 0);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    expect(focusable.length).toBeGreaterThan(2);
    focus(last);
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('shows relative times with the exact time as a tooltip, an icon and label for the type, and a dot for unread', async () => {
    vi.setSystemTime(new Date('2026-11-29T10:05:30Z'));
    await renderBell({
      list: [
        notification('a', 30, { type: 'error', title: 'Upload failed', created_at: '2026-11-29T10:05:10Z' }),
        notification('b', 20, { type: 'success', title: 'Transcript ready', status: 'read', created_at: '2026-11-29T10:00:00Z' }),
      ],
      unreadCount: 1,
    });
    fireEvent.click(bellButton());
    const [a, b] = items();
    const time = a.querySelector('time') as HTMLTimeElement;
    expect(time.textContent).toBe('just now');
    expect(time.dateTime).toBe('2026-11-29T10:05:10Z');
    expect(time.title).toBe(new Date('2026-11-29T10:05:10Z').toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' }));
    expect(b.querySelector('time')?.textContent).toBe('5 minutes ago');
    expect(a.querySelector('.notification-icon-error svg')).not.toBeNull();
    expect(b.querySelector('.notification-icon-success svg')).not.toBeNull();
    expect(a.querySelector('.bell-item-dot')).not.toBeNull();
    expect(b.querySelector('.bell-item-dot')).toBeNull();
    expect(itemButtons()[0].textContent).toMatch(/^Unread, error: Upload failed/);
    expect(itemButtons()[1].textContent).toMatch(/^Success: Transcript ready/);

    // The clock moves on: so does the text.
    await advance(60_000);
    expect(a.querySelector('time')?.textContent).toBe('1 minute ago');
  });

  it('marks one read by a click on it, and keeps the focus on it', async () => {
    const { api } = await renderBell({ list: many(2), unreadCount: 2 });
    await openWithKeyboard();
    const second = itemButtons()[1];
    focus(second);
    fireEvent.click(second);
    await advance();
    expect(api.markRead).toHaveBeenCalledWith('n1');
    expect(screen.getByTestId('bell-badge').textContent).toBe('1');
    expect(items()[1].classList.contains('bell-item-unread')).toBe(false);
    expect(document.activeElement).toBe(itemButtons()[1]);
    fireEvent.click(itemButtons()[1]);
    await advance();
    expect(api.markRead).toHaveBeenCalledTimes(1);
  });

  it('marks one read with its own button, and the focus goes to the notification when that button goes away', async () => {
    const { api } = await renderBell({ list: [notification('a', 1, { title: 'A' }), notification('b', 2, { title: 'B' })], unreadCount: 2 });
    fireEvent.click(bellButton());
    const mark = screen.getByRole('button', { name: 'Mark as read: A' });
    focus(mark);
    fireEvent.click(mark);
    await advance();
    expect(api.markRead).toHaveBeenCalledWith('a');
    expect(screen.getByTestId('bell-badge').textContent).toBe('1');
    expect(screen.queryByRole('button', { name: 'Mark as read: A' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mark as read: B' })).toBeTruthy();
    expect(document.activeElement?.closest('li')?.querySelector('.bell-item-title')?.textContent).toBe('A');
  });

  it('marks all read', async () => {
    const { api } = await renderBell({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2 });
    fireEvent.click(bellButton());
    const markAll = screen.getByRole('button', { name: 'Mark all as read' });
    fireEvent.click(markAll);
    await advance();
    expect(api.markAllRead).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('bell-badge')).toBeNull();
    expect((markAll as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryAllByRole('button', { name: /^Mark as read:/ })).toHaveLength(0);
  });

  it('deletes one with a few seconds to undo; the focus moves to the next notification', async () => {
    const { api } = await renderBell({ list: many(3), unreadCount: 3 });
    await openWithKeyboard();
    const del = within(items()[0]).getByRole('button', { name: 'Delete: Title 3' });
    focus(del);
    fireEvent.click(del);
    await advance();
    expect(titles()).toEqual(['Title 2', 'Title 1']);
    expect(document.activeElement).toBe(itemButtons()[0]);
    expect(screen.getByTestId('bell-badge').textContent).toBe('2');
    expect(within(panel()).getByRole('status').textContent).toMatch(/Deleted “Title 3”/);

    fireEvent.click(screen.getByRole('button', { name: 'Undo delete: Title 3' }));
    expect(titles()).toEqual(['Title 3', 'Title 2', 'Title 1']);
    expect(screen.getByTestId('bell-badge').textContent).toBe('3');
    expect(screen.queryByRole('button', { name: /^Undo delete/ })).toBeNull();
    await advance(UNDO_DELETE_MS * 2);
    expect(api.deleteNotification).not.toHaveBeenCalled();
  });

  it('sends the deletion once the time to undo has passed, and the undo goes away', async () => {
    const { api } = await renderBell({ list: many(2), unreadCount: 2 });
    fireEvent.click(bellButton());
    fireEvent.click(screen.getByRole('button', { name: 'Delete: Title 1' }));
    await advance(UNDO_DELETE_MS);
    expect(api.deleteNotification).toHaveBeenCalledWith('n1');
    expect(screen.queryByRole('button', { name: /^Undo delete/ })).toBeNull();
    expect(titles()).toEqual(['Title 2']);
  });

  it('says so when there is nothing', async () => {
    await renderBell();
    fireEvent.click(bellButton());
    expect(within(panel()).getByText('No notifications yet.')).toBeTruthy();
    expect(within(panel()).queryByRole('list')).toBeNull();
    expect(within(panel()).queryByRole('button', { name: 'Show older' })).toBeNull();
  });

  it('pages older notifications with "Show older" until there are none, moving the focus to the first one it brought', async () => {
    const { api } = await renderBell({ list: many(45), unreadCount: 45 });
    await openWithKeyboard();
    expect(items()).toHaveLength(20);
    fireEvent.click(showOlder() as HTMLButtonElement);
    await advance();
    expect(api.list).toHaveBeenLastCalledWith(20, { cursor: 'before-26', status: undefined });
    expect(items()).toHaveLength(40);
    expect(document.activeElement).toBe(itemButtons()[20]);
    fireEvent.click(showOlder() as HTMLButtonElement);
    await advance();
    expect(items()).toHaveLength(45);
    expect(titles().at(-1)).toBe('Title 1');
    expect(showOlder()).toBeNull();
    expect(document.activeElement).toBe(itemButtons()[40]);
  });

  it('says so when an older page cannot be read, and tries again on the next click', async () => {
    const { api } = await renderBell({ list: many(25), unreadCount: 25 });
    fireEvent.click(bellButton());
    api.list.mockRejectedValueOnce(new Error('HTTP 503'));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Show older' }));
    await advance();
    expect(within(panel()).getByRole('alert').textContent).toMatch(/Older notifications could not be loaded/);
    fireEvent.click(within(panel()).getByRole('button', { name: 'Show older' }));
    await advance();
    expect(items()).toHaveLength(25);
    expect(within(panel()).queryByRole('alert')).toBeNull();
  });

  it('"Unread only" shows the unread ones, pages them through the API\'s filter, and says when there are none', async () => {
    const { api } = await renderBell({ list: many(30, (i) => ({ status: i % 5 === 0 ? 'unread' : 'read' })), unreadCount: 6 });
    fireEvent.click(bellButton());
    const filter = within(panel()).getByRole('checkbox', { name: 'Unread only' });
    fireEvent.click(filter);
    expect(titles()).toEqual(['Title 30', 'Title 25', 'Title 20', 'Title 15']);
    fireEvent.click(showOlder() as HTMLButtonElement);
    await advance();
    expect(api.list).toHaveBeenLastCalledWith(20, { cursor: null, status: 'unread' });
    expect(titles()).toEqual(['Title 30', 'Title 25', 'Title 20', 'Title 15', 'Title 10', 'Title 5']);
    expect(showOlder()).toBeNull();

    fireEvent.click(within(panel()).getByRole('button', { name: 'Mark all as read' }));
    await advance();
    expect(items()).toHaveLength(0);
    expect(within(panel()).getByText('No unread notifications.')).toBeTruthy();
    fireEvent.click(filter);
    expect(items()).toHaveLength(20);
  });
});
