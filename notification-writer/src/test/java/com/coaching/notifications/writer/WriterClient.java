package com.coaching.notifications.writer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A real HTTP client for the writer's API that returns every response, errors included. */
final class WriterClient {

    private final RestClient http;

    WriterClient(int port) {
        this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    HttpResponse post(String path, String bearerToken, String jsonBody) {
        return http.post().uri(path)
                .headers(h -> auth(h, bearerToken))
                .contentType(MediaType.APPLICATION_JSON)
                .body(jsonBody)
                .exchange((request, response) -> new HttpResponse(
                        response.getStatusCode().value(), response.getHeaders(), response.bodyTo(String.class)));
    }

    HttpResponse get(String path, String bearerToken) {
        return http.get().uri(path)
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
