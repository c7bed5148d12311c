package com.coaching.notifications.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The local stack as a newcomer runs it: its runnable jar (what {@code ./run-local} starts after building),
 * on free ports and a data folder of its own, with its printed output kept for the test to read.
 */
final class RunningLocalStack implements AutoCloseable {

    /** Every part that listens, by its name in {@code local-stack.ports.*}. */
    static final List<String> PARTS = List.of("proxy", "writer", "gateway-a", "gateway-b", "kafka", "kafka-controller",
            "postgres");

    private final Process process;
    private final Map<String, Integer> ports;
    private final Path data;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private RunningLocalStack(Process process, Map<String, Integer> ports, Path data) {
        this.process = process;
        this.ports = ports;
        this.data = data;
    }

    /**
     * Starts the stack from empty data and waits until it says it is up.
     *
     * @param options more command-line options, such as {@code --local-stack.gateway-properties.[name]=value}
     */
    static RunningLocalStack start(String dataFolder, String... options) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String part : PARTS) {
            ports.put(part, FreePorts.pick());
        }
        Path data = Path.of("target", dataFolder).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-jar", runnableJar().toString(),
                "--wipe",
                "--local-stack.project-dir=" + projectDir(),
                "--local-stack.data-dir=" + data));
        ports.forEach((part, port) -> command.add("--local-stack.ports." + part + "=" + port));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        RunningLocalStack stack = new RunningLocalStack(process, ports, data);
        stack.readOutput();
        try {
            Awaitility.await("the stack says it is up").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                    .failFast("the stack exited", () -> !process.isAlive())
                    .until(() -> stack.output.stream().anyMatch(l -> l.startsWith("Local stack is up")));
        } catch (RuntimeException | AssertionError e) {
            stack.close();
            throw new AssertionError("the stack did not come up; it printed:\n" + String.join("\n", stack.output), e);
        }
        return stack;
    }

    /** The one origin, as the browser sees it. */
    String origin() {
        return "http://127.0.0.1:" + ports.get("proxy");
    }

    /** The first gateway replica, reached directly rather than through the proxy. */
    String gatewayA() {
        return "http://127.0.0.1:" + ports.get("gateway-a");
    }

    Process process() {
        return process;
    }

    /** The port of each part, by its name in {@link #PARTS}. */
    Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    /**
     * The processes of the stack: its own, every process it started and theirs, and the embedded PostgreSQL
     * server with its children (it detaches from the stack's process tree; its PID is the first line of
     * {@code postmaster.pid} in its data folder).
     */
    List<Long> pids() throws IOException {
        List<ProcessHandle> roots = new ArrayList<>(List.of(process.toHandle()));
        Path postmaster = data.resolve("postgres/postmaster.pid");
        if (Files.exists(postmaster)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(postmaster).get(0).trim())).ifPresent(roots::add);
        }
        return roots.stream().flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .map(ProcessHandle::pid).distinct().toList();
    }

    /** Whether the embedded PostgreSQL still accepts connections; it runs apart from the stack's process tree. */
    boolean postgresListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ports.get("postgres")), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A token of the local issuer for a user, or with {@code ?scope=} for a service. */
    String token(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(origin() + "/dev/token?" + query))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The line printed after {@code heading}. */
    String lineAfter(String heading) {
        List<String> lines = new ArrayList<>(output);
        int i = lines.indexOf(heading);
        assertThat(i).as("printed: " + heading).isNotNegative();
        return lines.get(i + 1);
    }

    /**
     * Stops the stack as Ctrl-C does, if a test left it running, so that it stops what it started: the
     * embedded PostgreSQL detaches from the stack's process tree, and only the stack's shutdown stops it.
     * Whatever still runs after that is killed.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void readOutput() {
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
