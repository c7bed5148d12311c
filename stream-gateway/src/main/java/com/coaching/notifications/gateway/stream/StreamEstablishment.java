package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.gateway.web.StreamPaths;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * When a stream request reached this gateway, before any other filter (CORS, the feature switch, the token
 * check) ran, so that {@code sse.connection.establishment} covers all that establishing a stream costs here.
 * Kept in the Reactor context rather than the exchange's attributes: the context is the one place the
 * controller reads from anyway.
 */
@Component
public class StreamEstablishment implements WebFilter, Ordered {

    private static final String RECEIVED_AT = StreamEstablishment.class.getName() + ".receivedAtNanos";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!StreamPaths.STREAM.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        long receivedAt = System.nanoTime();
        return chain.filter(exchange).contextWrite(context -> context.put(RECEIVED_AT, receivedAt));
    }

    /** {@link System#nanoTime()} when the stream request arrived. */
    static long receivedAtNanos(ContextView context) {
        return context.get(RECEIVED_AT);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
