package com.coaching.notifications.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 {@code application/problem+json} response straight to the exchange. Used wherever a
 * request is refused (filters, the security entry point, the stream before it starts): written as bytes,
 * it needs no content negotiation, so an EventSource that accepts only {@code text/event-stream} still
 * gets the problem instead of a 406. The detail names the reason, never an exception or stack trace.
 */
public final class ProblemResponse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponse() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail, Map.of(), headers -> { });
    }

    /**
     * @param members extra members of the problem object, after the standard ones
     * @param headers adds response headers, for example {@code Retry-After}
     */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail,
            Map<String, Object> members, Consumer<HttpHeaders> headers) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setCacheControl("no-store");
        headers.accept(response.getHeaders());

        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.putAll(members);
        byte[] body = JSON.writeValueAsBytes(problem);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
