package com.coaching.notifications.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The problem object as RFC 9457 has it, whatever the client accepts. */
class ProblemResponseTest {

    @Test
    void writesTheStandardMembersAsProblemJsonWithTheRequestPathAsInstance() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/notifications/stream")
                .accept(MediaType.TEXT_EVENT_STREAM));

        ProblemResponse.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Slow down."),
                headers -> headers.set(HttpHeaders.RETRY_AFTER, "7")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"type\":\"about:blank\","
                + "\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Slow down.\","
                + "\"instance\":\"/api/notifications/stream\"}");
    }
}
