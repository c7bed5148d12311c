package com.coaching.notifications.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/**
 * The shipped {@code deploy/nginx/default.conf}, run by a real nginx on 127.0.0.1. Only what names the
 * container world changes (upstream addresses, the listening address, the page's directory), each exactly
 * where the shipped file has it, so the file under test is the one the image gets.
 */
final class NginxRun implements AutoCloseable {

    private static final Path SHIPPED = ComposeConfig.ROOT.resolve("deploy/nginx/default.conf");

    private final Process nginx;
    private final int port;
    private final Path directory;

    /**
     * Starts nginx in {@code directory} with {@code upstreams} (compose service name to stub) and {@code page}
     * (path under the page's root to content) as the built dashboard.
     */
    NginxRun(Path directory, Map<String, UpstreamStub> upstreams, Map<String, String> page) throws IOException {
        this.directory = directory;
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path html = Files.createDirectories(directory.resolve("html"));
        for (Map.Entry<String, String> file : page.entrySet()) {
            Path target = html.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        port = freePort();

        String conf = Files.readString(SHIPPED);
        conf = replaceOnce(conf, "listen 8080;", "listen 127.0.0.1:" + port + ";");
        conf = replaceOnce(conf, "root /usr/share/nginx/html;", "root " + html + ";");
        for (String line : conf.lines().map(String::strip).filter(l -> l.startsWith("server ") && l.contains(":")).toList()) {
            String service = line.substring("server ".length(), line.indexOf(':'));
            UpstreamStub stub = upstreams.get(service);
            assertThat(stub).as("a stub for upstream " + service).isNotNull();
            conf = replaceOnce(conf, line, "server " + stub.address() + ";");
        }
        Path server = Files.writeString(directory.resolve("default.conf"), conf);
        Path main = Files.writeString(directory.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %2$s;
                }
                """.formatted(directory, server));

        try {
            nginx = new ProcessBuilder(nginxBinary(), "-p", directory.toString(), "-e", directory.resolve("error.log").toString(),
                    "-c", main.toString()).redirectErrorStream(true).redirectOutput(directory.resolve("nginx.out").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("nginx is needed to test deploy/nginx/default.conf "
                    + "(Debian: apt-get install --no-install-recommends nginx-light; .ci/run installs it)", e);
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            assertThat(nginx.isAlive()).as(log()).isTrue();
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            }
        });
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(directory.resolve("nginx.out")) + Files.readString(directory.resolve("error.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("deploy/nginx/default.conf has " + target).isNotNegative();
        assertThat(text.indexOf(target, at + 1)).as("deploy/nginx/default.conf has " + target + " once").isNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private static String nginxBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        nginx.destroy();
        nginx.waitFor();
    }
}
