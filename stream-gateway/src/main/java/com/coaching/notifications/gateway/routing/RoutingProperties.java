package com.coaching.notifications.gateway.routing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this replica shares the event topic with the others, prefix {@code notifications.stream.routing}.
 *
 * @param mode          {@code broadcast}: every replica reads every partition and serves any user.
 *                      {@code partition-affine}: the replicas of one {@code group-id} split the partitions, and a
 *                      stream is served only by the replica that reads its user's partition; any other answers
 *                      307 to it. Default {@code broadcast}.
 * @param groupId       the consumer group the replicas share in {@code partition-affine} mode; every replica of
 *                      one deployment must name the same. Default {@code stream-gateway-affine} (the grant on
 *                      groups prefixed {@code stream-gateway-} covers it).
 * @param advertisedUrl where clients reach this replica, for example {@code https://gw-2.example.com} (a path is
 *                      kept: {@code https://example.com/gw/2}); the other replicas redirect the streams of this
 *                      replica's partitions there. Required in {@code partition-affine} mode. Default none.
 * @param retryAfter    {@code Retry-After} of the 503 that a stream gets while its partition has no owner (during
 *                      a rebalance). Default 1s.
 */
@Validated
@ConfigurationProperties("notifications.stream.routing")
public record RoutingProperties(
        @NotNull @DefaultValue("broadcast") RoutingMode mode,
        @NotBlank @DefaultValue("stream-gateway-affine") String groupId,
        URI advertisedUrl,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1s") Duration retryAfter) {

    public RoutingProperties {
        if (mode == RoutingMode.PARTITION_AFFINE && (advertisedUrl == null || !advertisedUrl.isAbsolute())) {
            throw new IllegalArgumentException("notifications.stream.routing.advertised-url: an absolute URL "
                    + "(http://host:port) is required in partition-affine mode, not " + advertisedUrl);
        }
    }

    public boolean affine() {
        return mode == RoutingMode.PARTITION_AFFINE;
    }
}
