import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationProvider } from './NotificationProvider';
import { NotificationToasts, TOAST_DURATION_MS } from './NotificationToasts';
import { FakeEventSource } from './test/FakeEventSource';
import { fakeApi, notification } from './test/fakeApi';

async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function renderToasts(initial: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(initial);
  render(
    <NotificationProvider api={fake.api}>
      <NotificationToasts />
    </NotificationProvider>,
  );
  await advance();
  const es = FakeEventSource.latest();
  act(() => es.open());
  let seq = Math.max(0, ...(initial.list ?? []).map((x) => x.seq ?? 0));
  const arrive = (id: string, extra: Parameters<typeof notification>[2]) => {
    seq += 1;
    act(() => es.emit('notification', notification(id, seq, extra), seq));
  };
  return { ...fake, es, arrive };
}

const toasts = () => screen.queryAllByTestId('toast');
const toastTitles = () => toasts().map((t) => t.querySelector('.toast-title')?.textContent);
const politeRegion = () => document.querySelector('.toasts [aria-live="polite"]') as HTMLElement;
const assertiveRegion = () => document.querySelector('.toasts [aria-live="assertive"]') as HTMLElement;

describe('NotificationToasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  it('shows the title above the message, with an icon and accent of its type and a visible close button', async () => {
    const { arrive } = await renderToasts();
    arrive('w', { type: 'warning', title: 'Session moved', message: 'Your coach cancelled the 3pm session' });
    const [toast] = toasts();
    expect(toast.classList.contains('toast-warning')).toBe(true);
    expect(toast.querySelector('.notification-icon-warning svg')).not.toBeNull();
    const body = toast.querySelector('.toast-body') as HTMLElement;
    expect([...body.children].map((c) => c.className)).toEqual(['toast-title', 'toast-message']);
    expect(body.textContent).toBe('Session movedYour coach cancelled the 3pm session');
    const close = within(toast).getByRole('button', { name: 'Dismiss: Session moved' });
    expect(close.querySelector('svg')).not.toBeNull();
  });

  it('announces info, success and warning politely and errors assertively, in regions that are always there', async () => {
    const { arrive } = await renderToasts();
    expect(politeRegion()).not.toBeNull();
    expect(assertiveRegion()).not.toBeNull();
    arrive('i', { type: 'info', title: 'Just info' });
    arrive('s', { type: 'success', title: 'Done' });
    arrive('w', { type: 'warning', title: 'Careful' });
    arrive('e', { type: 'error', title: 'Upload failed' });
    expect(within(assertiveRegion()).getAllByTestId('toast').map((t) => t.querySelector('.toast-title')?.textContent)).toEqual(['Upload failed']);
    expect(within(politeRegion()).getAllByTestId('toast').map((t) => t.querySelector('.toast-title')?.textContent)).toEqual(['Careful', 'Done']);
  });

  it('lets info and success go by themselves, a warning a little later, and keeps an error until it is closed', async () => {
    const { arrive } = await renderToasts();
    arrive('i', { type: 'info', title: 'Info' });
    await advance(1000);
    arrive('e', { type: 'error', title: 'Error' });
    arrive('s', { type: 'success', title: 'Success' });
    await advance(TOAST_DURATION_MS.info - 1001);
    expect(toastTitles()).toEqual(['Error', 'Success', 'Info']);
    await advance(1);
    expect(toastTitles()).toEqual(['Error', 'Success']);
    arrive('w', { type: 'warning', title: 'Warning' });
    await advance(1000);
    expect(toastTitles()).toEqual(['Error', 'Warning']);
    await advance(TOAST_DURATION_MS.warning - 1000);
    expect(toastTitles()).toEqual(['Error']);
    await advance(10 * 60_000);
    expect(toastTitles()).toEqual(['Error']);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Error' }));
    expect(toasts()).toHaveLength(0);
  });

  it('shows at most three, and sums up the rest', async () => {
    const { arrive } = await renderToasts();
    for (let i = 1; i <= 7; i++) arrive(`e${i}`, { type: 'error', title: `Error ${i}` });
    expect(toastTitles()).toEqual(['Error 7', 'Error 6', 'Error 5']);
    expect(screen.getByTestId('toast-more').textContent).toBe('+4 more');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Error 7' }));
    expect(toastTitles()).toEqual(['Error 6', 'Error 5', 'Error 4']);
    expect(screen.getByTestId('toast-more').textContent).toBe('+3 more');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss all' }));
    expect(toasts()).toHaveLength(0);
    expect(screen.queryByTestId('toast-more')).toBeNull();
  });

  it('waits while the pointer or the keyboard focus is on a toast, and lets it go after', async () => {
    const { arrive } = await renderToasts();
    arrive('i', { type: 'info', title: 'Read me slowly' });
    const [toast] = toasts();
    fireEvent.mouseEnter(toast.parentElement?.parentElement as HTMLElement);
    await advance(TOAST_DURATION_MS.info * 3);
    expect(toastTitles()).toEqual(['Read me slowly']);
    fireEvent.mouseLeave(toast.parentElement?.parentElement as HTMLElement);
    await advance(0);
    expect(toasts()).toHaveLength(0);
  });

  it('does not toast what was loaded, only what arrives live', async () => {
    await renderToasts({ list: [notification('old', 1, { type: 'error' })], unreadCount: 1 });
    expect(toasts()).toHaveLength(0);
  });
});
