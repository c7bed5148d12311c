package com.coaching.notifications.gateway.stream;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One timer for the credentials of all connections of this replica, instead of a timer per connection
 * (each one a scheduled task and its operators, kept for the whole life of an idle stream): every
 * {@link #RESOLUTION} it ends the streams whose token has expired with {@code reauthenticate}. A stream thus
 * ends at most that long after its token's expiry, never before; tokens' times have whole seconds.
 */
@Component
public class CredentialExpiry implements SmartLifecycle {

    /** How late a stream may end after its token's expiry; a visit of every connection costs microseconds. */
    static final Duration RESOLUTION = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(CredentialExpiry.class);

    private final ConnectionRegistry registry;
    private final Ticker ticker;

    public CredentialExpiry(ConnectionRegistry registry) {
        this.registry = registry;
        this.ticker = new Ticker("sse-credential-expiry", RESOLUTION, () -> check(Instant.now()));
    }

    @Override
    public void start() {
        ticker.start();
    }

    @Override
    public void stop() {
        ticker.stop();
    }

    @Override
    public boolean isRunning() {
        return ticker.isRunning();
    }

    /** Ends the streams whose credential has expired by {@code now}; never throws, which would cancel every later check. */
    void check(Instant now) {
        try {
            registry.forEachUser((userId, connections) -> {
                for (Connection connection : connections) {
                    connection.expireIfDue(now);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Checking the streams' credentials failed; trying again next time", e);
        }
    }
}
