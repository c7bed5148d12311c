package com.coaching.notifications.writer;

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
}
