package com.coaching.notifications.gateway.stream;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, ends every open stream with a jittered reconnection delay, so clients spread over the other
 * replicas instead of all coming back at once, and the web server's graceful shutdown is not held up by
 * streams that would never end on their own. Runs before the web server stops (highest phase stops first).
 */
@Component
public class StreamShutdown implements SmartLifecycle {

    private final Reconnects reconnects;
    private volatile boolean running;

    public StreamShutdown(Reconnects reconnects) {
        this.reconnects = reconnects;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        reconnects.endStreams(userId -> true, StreamFrames.SHUTDOWN);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
