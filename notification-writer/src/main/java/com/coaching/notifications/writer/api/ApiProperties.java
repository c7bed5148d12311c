package com.coaching.notifications.writer.api;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP API ({@code notifications.api.*}).
 *
 * @param maxRequestSize the largest request body accepted (default 1MB, room for a 10000-user broadcast);
 *                       a larger one is answered 413, whether its size is announced or it is sent chunked
 */
@Validated
@ConfigurationProperties("notifications.api")
public record ApiProperties(@DefaultValue("1MB") @NotNull DataSize maxRequestSize) {

    /** The limit buffers a chunked body of up to this size in memory, so it must fit a byte array. */
    private static final DataSize LARGEST = DataSize.ofMegabytes(100);

    public ApiProperties {
        if (maxRequestSize != null && (maxRequestSize.toBytes() < 1 || maxRequestSize.compareTo(LARGEST) > 0)) {
            throw new IllegalArgumentException(
                    "notifications.api.max-request-size must be between 1B and " + LARGEST + ", was " + maxRequestSize);
        }
    }
}
