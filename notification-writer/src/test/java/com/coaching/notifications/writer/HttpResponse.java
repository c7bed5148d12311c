package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Status, headers and body of a real HTTP response, whatever its status. */
record HttpResponse(int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    JsonNode json() {
        return JSON.readTree(body);
    }

    MediaType contentType() {
        return headers.getContentType();
    }

    /** A 403 problem+json whose {@code WWW-Authenticate} says the token lacks a scope. */
    void assertInsufficientScope() {
        assertThat(status).isEqualTo(403);
        assertThat(contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(json().get("status").asInt()).isEqualTo(403);
        assertThat(headers.getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
    }
}
