package com.coaching.notifications.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the local stack as a newcomer would (its runnable jar, which is what {@code ./run-local}
 * starts after building), uses the curl line it prints to send a notification, reads it on the
 * stream through the one origin, then stops it as Ctrl-C would and checks that every process
 * it started is gone.
 */
class LocalStackIT {

    private RunningLocalStack stack;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void printedCurlLineSendsANotificationThatArrivesOnTheStreamAndStoppingEndsEveryProcess() throws Exception {
        stack = RunningLocalStack.start("local-stack-it-data");
        Process process = stack.process();
        List<ProcessHandle> children = process.descendants().toList();
        assertThat(children).as("kafka, writer and two gateways").hasSizeGreaterThanOrEqualTo(4);
        assertThat(stack.postgresListening()).as("the embedded PostgreSQL").isTrue();

        String token = stack.token("user=alice");
        try (SseClient stream = SseClient.connect(stack.origin() + "/api/notifications/stream", token)) {
            stream.awaitEvent("connected", Duration.ofSeconds(10));

            String curl = stack.lineAfter("Send a notification to alice:").trim();
            Process send = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
            String answer = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(send.waitFor()).as(answer).isZero();
            assertThat(answer).contains("\"title\":\"Hello from curl\"");

            SseClient.Frame frame = stream.awaitEvent("notification", Duration.ofSeconds(10));
            assertThat(frame.data()).contains("\"user_id\":\"alice\"").contains("Hello from curl");

            // A broadcast takes both scopes; /dev/token gives several, space-separated.
            String broadcast = "{\"user_ids\": [\"alice\"], \"type\": \"info\", \"title\": \"To all\", \"message\": \"m\"}";
            assertThat(post("/api/notifications/broadcast", stack.token("scope=notifications:write"), broadcast)
                    .statusCode()).isEqualTo(403);
            assertThat(post("/api/notifications/broadcast",
                    stack.token("scope=notifications:write%20notifications:broadcast"), broadcast).statusCode())
                    .isEqualTo(201);
            assertThat(stream.awaitEvent("notification", Duration.ofSeconds(10)).data()).contains("To all");
        }

        // Sign-out passes the proxy to a gateway, without a token.
        HttpResponse<String> signOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.origin() + "/api/notifications/stream/session")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(signOut.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("notifications_stream=;").contains("Max-Age=0"));

        // SIGTERM runs the same shutdown as Ctrl-C's SIGINT; SIGINT itself may be ignored by a JVM
        // that a non-interactive shell started in the background.
        process.destroy();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the stack stops when told to").isTrue();
        Awaitility.await("every child process gone").atMost(Duration.ofSeconds(30))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(stack.postgresListening()).as("the embedded PostgreSQL, which is no child process, stopped too").isFalse();
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.origin() + path))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
