package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.events.StreamEventPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SSE stream, prefix {@code notifications.stream}.
 *
 * @param heartbeatInterval   how often every open stream gets a {@code heartbeat} frame; one shared ticker
 *                            drives all connections. Default 30s.
 * @param bufferSize          frames a connection may hold for a client that has not read them yet; a client
 *                            that falls further behind is disconnected (it reconnects and catches up).
 *                            Default 256.
 * @param retry               reconnection delay suggested to clients in the first frame (SSE {@code retry:}).
 *                            Default 3s.
 * @param consumerGroupPrefix prefix of this replica's throw-away Kafka consumer group; a random suffix
 *                            makes it unique per start, so every replica reads every partition.
 *                            Default {@code stream-gateway}.
 * @param writerUrl           base URL of the notification writer, whose history
 *                            ({@code /api/notifications/events}) fills in what a client missed.
 *                            Default {@code http://127.0.0.1:8081}.
 * @param writerTimeout       how long one history request may take before the catch-up counts as failed
 *                            (the stream then ends with a {@code retry:}). Default 5s.
 * @param historyPageSize     events asked for per history request ({@code limit}), at most the 1000 the
 *                            writer serves ({@code StreamEventPage.MAX_LIMIT}; a larger value stops the
 *                            startup, since every catch-up would fail). Default 500.
 * @param historyPageBytes    bytes asked for per history request ({@code max_bytes}), within the writer's
 *                            bounds 1024..1048576. A catch-up buffers at most this much plus one event of the
 *                            largest size (20 KB) at a time, whatever the client missed. Default 131072.
 */
@Validated
@ConfigurationProperties("notifications.stream")
public record StreamProperties(
        @NotNull @DurationMin(millis = 10) @DefaultValue("30s") Duration heartbeatInterval,
        @Min(1) @Max(100_000) @DefaultValue("256") int bufferSize,
        @NotNull @DurationMin(millis = 0) @DefaultValue("3s") Duration retry,
        @NotBlank @DefaultValue("stream-gateway") String consumerGroupPrefix,
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI writerUrl,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration writerTimeout,
        @Min(1) @Max(StreamEventPage.MAX_LIMIT) @DefaultValue("500") int historyPageSize,
        @Min(StreamEventPage.MIN_BUDGET_BYTES) @Max(StreamEventPage.MAX_BUDGET_BYTES) @DefaultValue("131072")
        int historyPageBytes) {
}
