package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.gateway.web.StreamPaths;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import java.util.function.BooleanSupplier;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/notifications/stream}: the authenticated user's notifications as Server-Sent Events.
 * Frames are written as encoded bytes (see {@link SseFrame}), so one encoding serves every connection and
 * the Content-Type is exactly {@code text/event-stream} (SSE is always UTF-8; a charset parameter adds nothing).
 */
@RestController
public class NotificationStreamController {

    private final NotificationStreams streams;

    public NotificationStreamController(NotificationStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = StreamPaths.STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<Void> stream(@AuthenticationPrincipal Jwt jwt, ServerHttpResponse response) {
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
        headers.setCacheControl("no-cache");
        headers.set(HttpHeaders.CONNECTION, "keep-alive");
        // Tells nginx-style proxies not to buffer the stream.
        headers.set("X-Accel-Buffering", "no");
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeAndFlushWith(streams.open(jwt.getSubject(), jwt.getExpiresAt(), hangUp(response))
                .map(frame -> Mono.just(buffers.wrap(frame.bytes()))));
    }

    /**
     * Closes the TCP connection under the response. Ending the body instead would leave a client that
     * reads nothing holding the connection (its last chunk never leaves), and an error would be logged as a
     * server failure, which a slow client is not.
     */
    private static BooleanSupplier hangUp(ServerHttpResponse response) {
        return () -> {
            if (ServerHttpResponseDecorator.getNativeResponse(response) instanceof reactor.netty.Connection netty) {
                netty.dispose();
                return true;
            }
            return false;
        };
    }
}
