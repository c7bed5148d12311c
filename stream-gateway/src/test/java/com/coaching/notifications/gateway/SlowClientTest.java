package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import com.coaching.notifications.testsupport.LargestNotification;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A client that stops reading must not make the gateway buffer without bound, nor hold up anyone else. */
@TestPropertySource(properties = "notifications.stream.buffer-size=4")
@ExtendWith(OutputCaptureExtension.class)
class SlowClientTest extends GatewayIntegrationTest {

    /** U+0001, which JSON writes as a six-byte escape: the most bytes one character of a field's allowed length takes. */
    private static final String WIDEST = "\u0001";

    @Autowired
    private MeterRegistry meters;

    @Test
    void clientThatStopsReadingIsDisconnectedAndCountedWhileOthersKeepReceiving(CapturedOutput output)
            throws IOException {
        String slowUser = newUserId();
        String otherUser = newUserId();
        double droppedBefore = dropped();

        try (Socket slow = openWithoutReading(slowUser); SseClient other = connected(otherUser)) {
            await().atMost(TIMEOUT).until(() -> registry.connections(slowUser).size() == 1);

            // The largest notifications the contract allows (characters JSON writes as six bytes each, about
            // 13 KB a frame) fill the socket buffers quickly; then the connection's own buffer overflows.
            String title = WIDEST.repeat(LargestNotification.TITLE_CHARS);
            String message = WIDEST.repeat(LargestNotification.MESSAGE_CHARS);
            for (int seq = 1; seq <= 4_000 && registry.connections(slowUser).size() > 0; seq++) {
                publish(new NotificationCreated(UUID.randomUUID(), slowUser, seq, NotificationType.INFO, title, message,
                        NotificationStatus.UNREAD, null, null, Instant.now()));
            }

            await().atMost(TIMEOUT).until(() -> registry.connections(slowUser).size() == 0);
            assertThat(dropped()).isGreaterThan(droppedBefore);

            publish(notification(otherUser, 1, "still flowing"));
            assertThat(other.awaitEvent("notification", TIMEOUT).id()).isEqualTo("1");
            assertThat(endOfStream(slow)).as("the slow client's connection is closed").isTrue();
            // A slow client is not a server failure.
            assertThat(output.getAll()).doesNotContain(" ERROR ");
        }
    }

    private double dropped() {
        var counter = meters.find("sse.connections.dropped").tag("reason", "slow_client").counter();
        return counter == null ? 0 : counter.count();
    }

    private Socket openWithoutReading(String userId) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/notifications/stream HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "Authorization: Bearer " + TestTokens.user(userId) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Reads what the kernel still holds; a closed connection ends in EOF or a reset, within the timeout
     * overall (the gateway resets it, so megabytes queued for the client do not trickle out for minutes).
     */
    private static boolean endOfStream(Socket socket) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        socket.setSoTimeout(500);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (java.net.SocketException reset) {
                return true;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // keep waiting until the deadline
            }
        }
        return false;
    }
}
