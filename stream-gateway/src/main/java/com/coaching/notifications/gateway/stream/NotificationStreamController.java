package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.auth.SubjectNotAUserIdException;
import com.coaching.notifications.auth.UserIds;
import com.coaching.notifications.gateway.limits.ConnectionRefusedException;
import com.coaching.notifications.gateway.limits.Rejection;
import com.coaching.notifications.gateway.routing.StreamRedirects;
import com.coaching.notifications.gateway.web.ProblemResponse;
import com.coaching.notifications.gateway.web.StreamPaths;
import io.netty.channel.ChannelOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/notifications/stream}: the authenticated user's notifications as Server-Sent Events,
 * resumed after {@code Last-Event-ID} (or {@code ?lastEventId=}) when given; 400 problem when that is not a seq,
 * 403 problem for a token whose subject is no user id ({@code notifications.user-ids.pattern}): the writer
 * refuses such a subject, so its stream could never catch up and its client would reconnect for ever.
 * In partition-affine mode, 307 to the replica that reads the user's partition when that is another one.
 * Frames are written as encoded bytes (see {@link SseFrame}), so one encoding serves every connection and
 * the Content-Type is exactly {@code text/event-stream} (SSE is always UTF-8; a charset parameter adds nothing).
 */
@RestController
public class NotificationStreamController {

    private final NotificationStreams streams;
    private final UserIds userIds;
    private final StreamRedirects redirects;

    public NotificationStreamController(NotificationStreams streams, UserIds userIds, StreamRedirects redirects) {
        this.streams = streams;
        this.userIds = userIds;
        this.redirects = redirects;
    }

    // Read from the exchange by LastEventId; declared here for the API description.
    @Parameter(name = "Last-Event-ID", in = ParameterIn.HEADER, description = "Resume after this seq (digits)")
    @Parameter(name = "lastEventId", in = ParameterIn.QUERY, description = "Resume after this seq, for a client that opens a new EventSource itself")
    @GetMapping(path = StreamPaths.STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<Void> stream() {
        // No parameters: WebFlux would resolve them through a cache map of its own per request, which the
        // response keeps for the stream's whole life. The exchange and the credential come from the
        // Reactor context instead, where Spring Security's filter chain puts both.
        return Mono.deferContextual(context -> ReactiveSecurityContextHolder.getContext()
                .map(security -> (Jwt) security.getAuthentication().getPrincipal())
                .flatMap(jwt -> stream(jwt, context.get(ServerWebExchange.class),
                        StreamEstablishment.receivedAtNanos(context))));
    }

    private Mono<Void> stream(Jwt jwt, ServerWebExchange exchange, long receivedAtNanos) {
        if (!userIds.matches(jwt.getSubject())) {
            return ProblemResponse.write(exchange, HttpStatus.FORBIDDEN, SubjectNotAUserIdException.DETAIL);
        }
        // Partition-affine mode: a stream this replica does not read the events of is sent to the one that does,
        // before it spends the user's attempts (the 307 corrects the load balancer, not the client).
        Optional<Mono<Void>> elsewhere = redirects.answer(exchange, redirects.route(jwt.getSubject()));
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        Optional<Rejection> tooOften = streams.attempt(jwt.getSubject());
        if (tooOften.isPresent()) {
            return tooOften.get().write(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        OptionalLong lastEventId;
        try {
            lastEventId = LastEventId.parse(request.getHeaders().getFirst(LastEventId.HEADER),
                    request.getQueryParams().getFirst(LastEventId.QUERY_PARAMETER));
        } catch (IllegalArgumentException invalid) {
            return ProblemResponse.write(exchange, HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
        headers.setCacheControl("no-cache");
        headers.set(HttpHeaders.CONNECTION, "keep-alive");
        // Tells nginx-style proxies not to buffer the stream.
        headers.set("X-Accel-Buffering", "no");
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeAndFlushWith(streams.open(jwt.getSubject(), jwt.getTokenValue(),
                        jwt.getExpiresAt(), lastEventId, hangUp(response), receivedAtNanos)
                .map(frame -> Mono.just(buffers.wrap(frame.bytes()))))
                // Refused before the first frame, so nothing is committed yet and the problem can still go out.
                .onErrorResume(ConnectionRefusedException.class, refused -> refused.rejection().write(exchange));
    }

    /**
     * Resets the TCP connection under the response. Ending the body instead would leave a client that
     * reads nothing holding the connection (its last chunk never leaves), and an error would be logged as a
     * server failure, which a slow client is not. Abortive (linger 0): a graceful close would keep what the
     * kernel already holds for the client, up to megabytes, trickling out for minutes.
     */
    private static BooleanSupplier hangUp(ServerHttpResponse response) {
        return () -> {
            if (ServerHttpResponseDecorator.getNativeResponse(response) instanceof reactor.netty.Connection netty) {
                netty.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                netty.dispose();
                return true;
            }
            return false;
        };
    }
}
