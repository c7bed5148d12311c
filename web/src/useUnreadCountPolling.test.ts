import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useUnreadCountPolling, type UnreadCountPollingOptions } from './useUnreadCountPolling';

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function mount(props: UnreadCountPollingOptions) {
  return renderHook((p: UnreadCountPollingOptions) => useUnreadCountPolling(p), { initialProps: props });
}

describe('useUnreadCountPolling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('polls every 60 s while the stream is up', async () => {
    const poll = vi.fn().mockResolvedValue(undefined);
    mount({ poll, streamStatus: 'open' });
    await advance(59_999);
    expect(poll).not.toHaveBeenCalled();
    await advance(1);
    expect(poll).toHaveBeenCalledTimes(1);
    await advance(60_000);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('polls every 10 s while the stream is down', async () => {
    const poll = vi.fn().mockResolvedValue(undefined);
    mount({ poll, streamStatus: 'reconnecting' });
    await advance(9_999);
    expect(poll).not.toHaveBeenCalled();
    await advance(1);
    expect(poll).toHaveBeenCalledTimes(1);
    await advance(50_000);
    expect(poll).toHaveBeenCalledTimes(6);
  });

  it('switches to 10 s when the stream drops and back to 60 s when it is up again', async () => {
    const poll = vi.fn().mockResolvedValue(undefined);
    const { rerender } = mount({ poll, streamStatus: 'open' });
    await advance(30_000);
    rerender({ poll, streamStatus: 'reconnecting' });
    await advance(10_000);
    expect(poll).toHaveBeenCalledTimes(1);
    rerender({ poll, streamStatus: 'open' });
    await advance(59_000);
    expect(poll).toHaveBeenCalledTimes(1);
    await advance(1_000);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('keeps polling alone every 10 s after the stream gave up', async () => {
    const poll = vi.fn().mockResolvedValue(undefined);
    mount({ poll, streamStatus: 'failed' });
    await advance(10 * 60_000);
    expect(poll).toHaveBeenCalledTimes(60);
    expect(poll).toHaveBeenLastCalledWith({ streamUp: false });
  });

  it('tells the poll whether the stream is up', async () => {
    const poll = vi.fn().mockResolvedValue(undefined);
    mount({ poll, streamStatus: 'open' });
    await advance(60_000);
    expect(poll).toHaveBeenCalledWith({ streamUp: true });
  });

  it('does not start a poll while the previous one is still running, and survives a failed one', async () => {
    let finish!: () => void;
    const poll = vi
      .fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
      .mockResolvedValue(undefined);
    mount({ poll, streamStatus: 'failed' });
    await advance(10_000); // fails
    await advance(10_000); // hangs
    await advance(30_000); // skipped: still running
    expect(poll).toHaveBeenCalledTimes(2);
    finish();
    await advance(10_000);
    expect(poll).toHaveBeenCalledTimes(3);
  });

  it('stops on unmount and while disabled', async () => {
    const poll = vi.fn().mockResolvedValue(undefined);
    const { unmount } = mount({ poll, streamStatus: 'failed', enabled: false });
    await advance(60_000);
    expect(poll).not.toHaveBeenCalled();
    unmount();
    const poll2 = vi.fn().mockResolvedValue(undefined);
    const second = mount({ poll: poll2, streamStatus: 'failed' });
    second.unmount();
    await advance(60_000);
    expect(poll2).not.toHaveBeenCalled();
  });
});
