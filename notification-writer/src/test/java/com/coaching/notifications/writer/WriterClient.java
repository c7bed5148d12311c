package com.coaching.notifications.writer;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A real HTTP client for the writer's API that returns every response, errors included. */
final class WriterClient {

    static final String WRITE_TOKEN = com.coaching.notifications.testsupport.TestTokens.service("notifications:write");

    private final RestClient http;

    WriterClient(int port) {
        this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    HttpResponse post(String path, String bearerToken, String jsonBody) {
        return post(path, bearerToken, jsonBody, Map.of());
    }

    HttpResponse post(String path, String bearerToken, String jsonBody, Map<String, String> headers) {
        return send(path, bearerToken, jsonBody, headers);
    }

    /** The body exactly as these bytes, valid UTF-8 or not. */
    HttpResponse post(String path, String bearerToken, byte[] jsonBody) {
        return send(path, bearerToken, jsonBody, Map.of());
    }

    private HttpResponse send(String path, String bearerToken, Object jsonBody, Map<String, String> headers) {
        return http.post().uri(path)
                .headers(h -> {
                    auth(h, bearerToken);
                    headers.forEach(h::add);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(jsonBody)
                .exchange((request, response) -> new HttpResponse(
                        response.getStatusCode().value(), response.getHeaders(), response.bodyTo(String.class)));
    }

    HttpResponse get(String path, String bearerToken) {
        return send(HttpMethod.GET, path, bearerToken);
    }

    HttpResponse delete(String path, String bearerToken) {
        return send(HttpMethod.DELETE, path, bearerToken);
    }

    /** Creates a notification for the user with a write token; the response must be a 201. */
    String create(String userId, String title) {
        HttpResponse created = post("/api/notifications", WRITE_TOKEN, notificationFor(userId, title));
        if (created.status() != 201) {
            throw new AssertionError("create failed: " + created);
        }
        return created.json().get("id").asString();
    }

    private HttpResponse send(HttpMethod method, String path, String bearerToken) {
        return http.method(method).uri(path)
                .headers(h -> auth(h, bearerToken))
                .exchange((request, response) -> new HttpResponse(
                        response.getStatusCode().value(), response.getHeaders(), response.bodyTo(String.class)));
    }

    /** A valid creation body for the user, with the given fields replaced. */
    static String notificationFor(String userId, String title) {
        return """
                {"user_id": "%s", "type": "success", "title": "%s", "message": "Your audio is ready",
                 "metadata": {"transcript_id": 42, "tags": ["audio"]},
                 "related_session_id": "3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10"}
                """.formatted(userId, title);
    }

    private static void auth(HttpHeaders headers, String bearerToken) {
        if (bearerToken != null) {
            headers.setBearerAuth(bearerToken);
        }
    }

}
