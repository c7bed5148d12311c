package com.coaching.notifications.gateway.stream;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames waiting for one client: at most {@code capacity}, refused beyond (the client is then too
 * slow), and costing memory only for what actually waits. An array-backed queue of the same capacity
 * would hold its whole array for every idle connection, most of what an idle stream keeps alive.
 * Safe for one writer and one reader on different threads.
 */
final class FrameBuffer<E> extends AbstractQueue<E> {

    private final ConcurrentLinkedQueue<E> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    FrameBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(E item) {
        if (size.get() >= capacity) {
            return false;
        }
        items.offer(item);
        size.incrementAndGet();
        return true;
    }

    @Override
    public E poll() {
        E item = items.poll();
        if (item != null) {
            size.decrementAndGet();
        }
        return item;
    }

    @Override
    public E peek() {
        return items.peek();
    }

    @Override
    public int size() {
        return size.get();
    }

    @Override
    public Iterator<E> iterator() {
        return items.iterator();
    }
}
