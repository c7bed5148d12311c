import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationBell } from './NotificationBell';
import { NotificationProvider } from './NotificationProvider';
import { FakeEventSource } from './test/FakeEventSource';
import { fakeApi, notification } from './test/fakeApi';

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
    expect(screen.getByRole('status').textContent).toBe('2 unread notifications');
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

  it('opens the list with the button and closes it with Escape, giving focus back', async () => {
    await renderBell({ list: [notification('a', 1, { title: 'Session booked' })], unreadCount: 1 });
    const panel = document.getElementById(bellButton().getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(panel.hidden).toBe(true);
    expect(bellButton().getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(bellButton());
    expect(panel.hidden).toBe(false);
    expect(bellButton().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('region', { name: 'Notifications' })).toBe(panel);
    expect(within(panel).getByText('Session booked')).toBeTruthy();

    const markButton = within(panel).getByRole('button', { name: 'Mark as read: Session booked' });
    markButton.focus();
    fireEvent.keyDown(markButton, { key: 'Escape' });
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(bellButton());
  });

  it('closes the list with Escape also when focus is elsewhere on the page', async () => {
    await renderBell({ list: [notification('a', 1)], unreadCount: 1 });
    fireEvent.click(bellButton());
    const panel = screen.getByRole('region', { name: 'Notifications' });
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(bellButton());
  });

  it('keeps the keyboard focus in the list when the focused "Mark read" button goes away', async () => {
    await renderBell({ list: [notification('a', 1, { title: 'A' })], unreadCount: 1 });
    fireEvent.click(bellButton());
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const mark = screen.getByRole('button', { name: 'Mark as read: A' });
    mark.focus();
    fireEvent.click(mark);
    await advance();
    expect(screen.queryByRole('button', { name: 'Mark as read: A' })).toBeNull();
    expect(document.activeElement).toBe(panel);
  });

  it('closes the list on a click outside', async () => {
    await renderBell({ list: [notification('a', 1)], unreadCount: 1 });
    fireEvent.click(bellButton());
    const panel = screen.getByRole('region', { name: 'Notifications' });
    fireEvent.mouseDown(document.body);
    expect(panel.hidden).toBe(true);
  });

  it('deletes one notification and keeps the keyboard focus in the list', async () => {
    const { api } = await renderBell({ list: [notification('a', 1, { title: 'A' }), notification('b', 2, { title: 'B', status: 'read' })], unreadCount: 1 });
    fireEvent.click(bellButton());
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const del = screen.getByRole('button', { name: 'Delete: A' });
    del.focus();
    fireEvent.click(del);
    await advance();
    expect(api.deleteNotification).toHaveBeenCalledWith('a');
    expect(within(panel).queryByText('A')).toBeNull();
    expect(within(panel).getByText('B')).toBeTruthy();
    expect(screen.queryByTestId('bell-badge')).toBeNull();
    expect(document.activeElement).toBe(panel);
  });

  it('marks one notification read', async () => {
    const { api } = await renderBell({ list: [notification('a', 1, { title: 'A' }), notification('b', 2, { title: 'B' })], unreadCount: 2 });
    fireEvent.click(bellButton());
    fireEvent.click(screen.getByRole('button', { name: 'Mark as read: A' }));
    await advance();
    expect(api.markRead).toHaveBeenCalledWith('a');
    expect(screen.getByTestId('bell-badge').textContent).toBe('1');
    expect(screen.queryByRole('button', { name: 'Mark as read: A' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mark as read: B' })).toBeTruthy();
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

  it('shows a toast for success and error notifications, not for info or warning', async () => {
    const { es } = await renderBell();
    act(() => es.emit('notification', notification('i', 1, { type: 'info', title: 'Just info' }), 1));
    act(() => es.emit('notification', notification('w', 2, { type: 'warning', title: 'A warning' }), 2));
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);

    act(() => es.emit('notification', notification('s', 3, { type: 'success', title: 'Transcription Complete' }), 3));
    act(() => es.emit('notification', notification('e', 4, { type: 'error', title: 'Upload failed' }), 4));
    const toasts = screen.getAllByTestId('toast');
    expect(toasts.map((t) => t.querySelector('.toast-title')?.textContent)).toEqual(['Upload failed', 'Transcription Complete']);
    expect(screen.getByRole('alert').textContent).toContain('Upload failed');
    expect(toasts[0].parentElement?.getAttribute('aria-live')).toBe('polite');
  });

  it('does not toast notifications that were loaded, only live ones', async () => {
    await renderBell({ list: [notification('old', 1, { type: 'error' })], unreadCount: 1 });
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
  });

  it('dismisses a toast by its button and by itself after 6 s', async () => {
    const { es } = await renderBell();
    act(() => es.emit('notification', notification('s', 1, { type: 'success', title: 'Done' }), 1));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Done' }));
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);

    act(() => es.emit('notification', notification('e', 2, { type: 'error', title: 'Broken' }), 2));
    await advance(5_900);
    expect(screen.queryAllByTestId('toast')).toHaveLength(1);
    await advance(100);
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
  });
});
