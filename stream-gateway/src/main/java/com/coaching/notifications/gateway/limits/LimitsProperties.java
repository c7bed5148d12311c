package com.coaching.notifications.gateway.limits;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one replica takes on, prefix {@code notifications.stream.limits}.
 *
 * @param connectionsPerUser    open streams one user may have on this replica; one more is refused with
 *                              429. Default 10.
 * @param connectionsPerReplica open streams on this replica; one more is refused with 503, so the load
 *                              balancer's next try goes elsewhere. Default 10000.
 * @param retryAfter            {@code Retry-After} of those two refusals. Default 5s.
 * @param userAttemptBurst      stream requests one user may make at once (token bucket); beyond, 429
 *                              with the wait in {@code Retry-After}. Default 20.
 * @param userAttemptsPerMinute how fast the user's budget refills. Default 60.
 * @param addressAttemptBurst   stream and session requests from one client address at once, checked
 *                              before the token (token bucket). Generous, since offices share an address
 *                              behind NAT. Default 100.
 * @param addressAttemptsPerMinute how fast an address's budget refills. Default 600.
 * @param trustedProxies        addresses and CIDR blocks of the proxies in front of this replica (for example
 *                              {@code 10.0.0.0/8}): from a request of such a peer, the client's address is
 *                              read from {@code X-Forwarded-For}, the nearest address that is not a trusted
 *                              proxy. Default none: the TCP peer is the client and the header is ignored.
 *                              Behind a proxy that is not listed, every client shares the proxy's address.
 */
@Validated
@ConfigurationProperties("notifications.stream.limits")
public record LimitsProperties(
        @Min(1) @DefaultValue("10") int connectionsPerUser,
        @Min(1) @DefaultValue("10000") int connectionsPerReplica,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5s") Duration retryAfter,
        @Min(1) @Max(1_000_000) @DefaultValue("20") int userAttemptBurst,
        @Min(1) @Max(6_000_000) @DefaultValue("60") int userAttemptsPerMinute,
        @Min(1) @Max(1_000_000) @DefaultValue("100") int addressAttemptBurst,
        @Min(1) @Max(6_000_000) @DefaultValue("600") int addressAttemptsPerMinute,
        @NotNull @DefaultValue List<AddressRange> trustedProxies) {
}
