import { act, fireEvent, render, screen } from '@testing-library/react';
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
});
