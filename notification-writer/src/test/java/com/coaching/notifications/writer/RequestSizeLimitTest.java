package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies over {@code notifications.api.max-request-size} (default 1MB) are refused with 413 before
 * anything reads them into the application, whether the client announces the size or streams the body
 * chunked; the bodies are otherwise valid, so without the limit each would be stored and published.
 */
class RequestSizeLimitTest extends WriterIntegrationTest {

    private static final int OVER_ONE_MEGABYTE = 1024 * 1024 + 1;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void bodyOverTheLimitWithContentLengthIs413AndNothingIsStored() {
        String user = "too-large-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications", WriterClient.WRITE_TOKEN, paddedTo(user, OVER_ONE_MEGABYTE));

        assertTooLargeProblem(response.status(), response.contentType(), response.body());
        assertThat(storedNotifications(user)).isZero();
        assertThat(outboxRows(user)).isZero();
    }

    @Test
    void chunkedBodyOverTheLimitWithoutContentLengthIs413AndNothingIsStored() throws Exception {
        String user = "too-large-chunked-" + UUID.randomUUID();

        java.net.http.HttpResponse<String> response = postChunked(paddedTo(user, OVER_ONE_MEGABYTE));

        assertTooLargeProblem(response.statusCode(),
                response.headers().firstValue("Content-Type").map(MediaType::parseMediaType).orElse(null), response.body());
        assertThat(storedNotifications(user)).isZero();
        assertThat(outboxRows(user)).isZero();
    }

    /** The chunked body the limit had to read is handed on whole to the controller. */
    @Test
    void chunkedBodyWithinTheLimitIsStored() throws Exception {
        String user = "chunked-" + UUID.randomUUID();

        java.net.http.HttpResponse<String> response = postChunked(paddedTo(user, 512 * 1024));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("user_id").asString()).isEqualTo(user);
        assertThat(storedNotifications(user)).isEqualTo(1);
    }

    private static void assertTooLargeProblem(int status, MediaType contentType, String body) {
        assertThat(status).as(body).isEqualTo(413);
        assertThat(contentType).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonMapper.builder().build().readTree(body).get("status").asInt()).isEqualTo(413);
    }

    /** No Content-Length: the JDK client streams a body of unknown length with Transfer-Encoding: chunked. */
    private java.net.http.HttpResponse<String> postChunked(String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + TestTokens.service("notifications:write"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HTTP.send(request, BodyHandlers.ofString());
    }

    /** A valid notification for the user, padded with an unknown (ignored) field to exactly {@code size} bytes. */
    private static String paddedTo(String user, int size) {
        String start = """
                {"user_id": "%s", "type": "info", "title": "Large", "message": "Padded", "padding": \"""".formatted(user);
        String end = "\"}";
        return start + "x".repeat(size - start.length() - end.length()) + end;
    }
}
