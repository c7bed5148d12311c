package com.coaching.notifications.gateway.web;

import java.net.URI;
import java.util.function.Consumer;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link ProblemDetail} as an RFC 9457 {@code application/problem+json} response straight to the
 * exchange. Used wherever a request is refused (filters, the security entry point, the stream before it
 * starts): written as bytes, it needs no content negotiation, so an EventSource that accepts only
 * {@code text/event-stream} still gets the problem instead of a 406. The detail names the reason, never an
 * exception or stack trace.
 */
public final class ProblemResponse {

    /**
     * Spring's own encoder, which writes a problem's properties as members of the problem object; members in
     * the order RFC 9457 lists them rather than Jackson's alphabetical one.
     */
    private static final JacksonJsonEncoder JSON = new JacksonJsonEncoder(JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY));
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);
    /** The type of a problem that its status says all about; stated, as the writer's problems state it. */
    private static final URI BLANK_TYPE = URI.create("about:blank");

    private ProblemResponse() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, ProblemDetail.forStatusAndDetail(status, detail), headers -> { });
    }

    /**
     * @param problem its {@code type} is {@code about:blank} and its {@code instance} the request's path unless set
     * @param headers adds response headers, for example {@code Retry-After}
     */
    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, Consumer<HttpHeaders> headers) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setCacheControl("no-store");
        headers.accept(response.getHeaders());
        if (problem.getType() == null) {
            problem.setType(BLANK_TYPE);
        }
        if (problem.getInstance() == null) {
            // The raw path of a request Spring has already parsed as a URI, so it is one.
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        return response.writeWith(Mono.fromSupplier(() -> JSON.encodeValue(problem, response.bufferFactory(), PROBLEM,
                MediaType.APPLICATION_PROBLEM_JSON, null)));
    }
}
