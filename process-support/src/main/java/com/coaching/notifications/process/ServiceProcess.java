package com.coaching.notifications.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One child process started by this JVM (a service's runnable jar, or the Kafka broker), with its
 * output in a log file. It is stopped by its own PID, gently first (SIGTERM), as an orchestrator would.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command}, appending its output to {@code log}. */
    public static ServiceProcess start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a Spring Boot runnable jar on the same Java as this JVM, listening on 127.0.0.1:port, with
     * the given properties as command-line arguments (they win over the jar's application.yml). Its server,
     * and its management server if it is given a port of its own, bind to 127.0.0.1 only: Spring Boot's
     * default is every address, which would open a process meant for this machine to the whole network.
     */
    public static ServiceProcess startSpringBoot(String name, Path jar, int port, Map<String, String> properties,
            Path log, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(List.of(jvmOptions));
        command.add("-jar");
        command.add(jar.toString());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--server.address=" + LOOPBACK);
        if (properties.containsKey("management.server.port")) {
            // Only with a port of its own: Spring Boot refuses a management address otherwise.
            command.add("--management.server.address=" + LOOPBACK);
        }
        return start(name, command, log);
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end and returns its exit code. */
    public int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Sends SIGTERM, as an orchestrator does to begin a shutdown, without waiting for the process to end. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Waits at most {@code timeout} for the process to end.
     *
     * @return its exit code, or empty if it is still running
     */
    public OptionalInt waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Waits until {@code GET url} answers 200 (for example a readiness endpoint). */
    public void awaitHttpOk(String url, Duration timeout) {
        awaitUntil(() -> httpStatus(url) == 200, timeout, "GET " + url + " answering 200");
    }

    /** Waits until something accepts connections on 127.0.0.1:port. */
    public void awaitPort(int port, Duration timeout) {
        awaitUntil(() -> accepts(port), timeout, "port " + port + " accepting connections");
    }

    /** The last lines of the log, for an error message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL if the process is still there after the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitUntil(BooleanSupplier ready, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before " + what + "; last lines of " + log + ":\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout + " (waiting for " + what
                        + "); last lines of " + log + ":\n" + logTail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    private static int httpStatus(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
