import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Dashboard } from './Dashboard';
import { NotificationProvider } from './NotificationProvider';
import { FakeEventSource } from './test/FakeEventSource';
import { fakeApi, notification } from './test/fakeApi';

async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('Dashboard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  it('shows the bell and the live state, and offers a retry after the stream gave up', async () => {
    const { api } = fakeApi({ list: [notification('a', 1)], unreadCount: 1 });
    render(
      <NotificationProvider api={api} streamOptions={{ maxFailures: 1 }}>
        <Dashboard userLabel="demo user" />
      </NotificationProvider>,
    );
    await advance();
    expect(screen.getByRole('button', { name: 'Notifications, 1 unread' })).toBeTruthy();
    expect(screen.getByTestId('stream-status').textContent).toBe('Connecting…');

    act(() => FakeEventSource.latest().open());
    expect(screen.getByTestId('stream-status').textContent).toBe('Live');

    act(() => FakeEventSource.latest().fail());
    expect(screen.getByTestId('stream-status').textContent).toMatch(/unavailable/);
    fireEvent.click(screen.getByRole('button', { name: 'Try live updates again' }));
    await advance();
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(screen.getByTestId('stream-status').textContent).toBe('Connecting…');
  });

  it('signs out: closes the stream, ends the stream session, then shows the signed-out state', async () => {
    const { api } = fakeApi({ list: [notification('a', 1)], unreadCount: 1 });
    const order: string[] = [];
    api.closeStreamSession.mockImplementation(async () => {
      order.push(`DELETE session (stream closed: ${FakeEventSource.latest().closed})`);
      throw new Error('DELETE /api/notifications/stream/session: HTTP 503'); // a failed DELETE still signs out
    });
    const onSignedOut = vi.fn(() => order.push('signed out'));
    render(
      <NotificationProvider api={api} onSignedOut={onSignedOut}>
        <Dashboard userLabel="Signed in as alice" />
      </NotificationProvider>,
    );
    await advance();
    act(() => FakeEventSource.latest().open());

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await advance();
    expect(order).toEqual(['DELETE session (stream closed: true)', 'signed out']);
    await advance(120_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('tells when the stream last spoke: its opening, then each event or heartbeat', async () => {
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const { api } = fakeApi();
    render(
      <NotificationProvider api={api}>
        <Dashboard />
      </NotificationProvider>,
    );
    await advance();
    expect(screen.queryByTestId('stream-activity')).toBeNull();
    const es = FakeEventSource.latest();
    act(() => es.open());
    expect(screen.getByTestId('stream-activity').textContent).toBe('Connected just now');
    await advance(30_000);
    expect(screen.getByTestId('stream-activity').querySelector('time')?.dateTime).toBe('2026-12-02T10:00:00.000Z');
    act(() => es.emit('heartbeat', { timestamp: '2026-12-02T10:00:30Z', connections: 1 }));
    await advance(20_000);
    const activity = screen.getByTestId('stream-activity');
    expect(activity.textContent).toBe('Last heartbeat just now');
    expect(activity.querySelector('time')?.dateTime).toBe('2026-12-02T10:00:30.000Z');
    act(() => es.emit('notification', notification('x', 1), 1));
    expect(screen.getByTestId('stream-activity').textContent).toBe('Last event just now');
  });

  it('shows the recent activity from the same state as the bell: a live one at the top, a read one as read', async () => {
    vi.setSystemTime(new Date('2026-11-29T10:10:00Z'));
    const list = Array.from({ length: 7 }, (_, k) => notification(`n${7 - k}`, 7 - k, { title: `Title ${7 - k}` }));
    const { api } = fakeApi({ list, unreadCount: 7 });
    render(
      <NotificationProvider api={api}>
        <Dashboard />
      </NotificationProvider>,
    );
    await advance();
    const recent = () => within(screen.getByRole('region', { name: 'Recent activity' }));
    const rows = () => recent().getAllByRole('listitem').map((li) => li.textContent);
    expect(rows()).toHaveLength(5);
    expect(rows()[0]).toBe('Unread, info: Title 79 minutes ago');
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('notification', notification('live', 8, { type: 'error', title: 'Upload failed', created_at: '2026-11-29T10:10:00Z' }), 8));
    expect(rows()[0]).toBe('Unread, error: Upload failedjust now');
    expect(rows()).toHaveLength(5);

    fireEvent.click(screen.getByRole('button', { name: /^Notifications,/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Mark as read: Upload failed' }));
    await advance();
    expect(rows()[0]).toBe('Error: Upload failedjust now');
    expect(screen.getByTestId('unread-summary').textContent).toBe('7 unread notifications');
  });

  it('says so when there is no activity yet', async () => {
    const { api } = fakeApi();
    render(
      <NotificationProvider api={api}>
        <Dashboard />
      </NotificationProvider>,
    );
    await advance();
    expect(within(screen.getByRole('region', { name: 'Recent activity' })).getByText(/Nothing yet/)).toBeTruthy();
    expect(screen.getByTestId('unread-summary').textContent).toBe('No unread notifications');
  });
});
