package com.coaching.notifications.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.SseClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private Process stack;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopStack() throws InterruptedException {
        if (stack != null && stack.isAlive()) {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void printedCurlLineSendsANotificationThatArrivesOnTheStreamAndStoppingEndsEveryProcess() throws Exception {
        int proxy = FreePorts.pick();
        Path data = Path.of("target/local-stack-it-data").toAbsolutePath();
        stack = new ProcessBuilder(ServiceProcess.javaExecutable(), "-jar", runnableJar().toString(),
                "--wipe",
                "--local-stack.project-dir=" + projectDir(),
                "--local-stack.data-dir=" + data,
                "--local-stack.ports.proxy=" + proxy,
                "--local-stack.ports.writer=" + FreePorts.pick(),
                "--local-stack.ports.gateway-a=" + FreePorts.pick(),
                "--local-stack.ports.gateway-b=" + FreePorts.pick(),
                "--local-stack.ports.kafka=" + FreePorts.pick(),
                "--local-stack.ports.kafka-controller=" + FreePorts.pick(),
                "--local-stack.ports.postgres=" + FreePorts.pick())
                .redirectErrorStream(true).start();
        readOutput(stack);

        try {
            Awaitility.await("the stack says it is up").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                    .failFast("the stack exited", () -> !stack.isAlive())
                    .until(() -> output.stream().anyMatch(l -> l.startsWith("Local stack is up")));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("the stack did not come up; it printed:\n" + String.join("\n", output), e);
        }
        List<ProcessHandle> children = stack.descendants().toList();
        assertThat(children).as("kafka, writer and two gateways").hasSizeGreaterThanOrEqualTo(4);

        String origin = "http://127.0.0.1:" + proxy;
        String token = post(origin + "/dev/token?user=alice");
        try (SseClient stream = SseClient.connect(origin + "/api/notifications/stream", token)) {
            stream.awaitEvent("connected", Duration.ofSeconds(10));

            String curl = lineAfter("Send a notification to alice:").trim();
            Process send = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
            String answer = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(send.waitFor()).as(answer).isZero();
            assertThat(answer).contains("\"title\":\"Hello from curl\"");

            SseClient.Frame frame = stream.awaitEvent("notification", Duration.ofSeconds(10));
            assertThat(frame.data()).contains("\"user_id\":\"alice\"").contains("Hello from curl");
        }

        // SIGTERM runs the same shutdown as Ctrl-C's SIGINT; SIGINT itself may be ignored by a JVM
        // that a non-interactive shell started in the background.
        stack.destroy();
        assertThat(stack.waitFor(90, TimeUnit.SECONDS)).as("the stack stops when told to").isTrue();
        Awaitility.await("every child process gone").atMost(Duration.ofSeconds(30))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    private String lineAfter(String heading) {
        List<String> lines = new ArrayList<>(output);
        int i = lines.indexOf(heading);
        assertThat(i).as("printed: " + heading).isNotNegative();
        return lines.get(i + 1);
    }

    private void readOutput(Process process) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static String post(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    private static Path runnableJar() throws IOException {
        try (var jars = Files.newDirectoryStream(Path.of("target"), "local-stack-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no local-stack runnable jar in target/; run through ./mvnw verify");
    }

}
