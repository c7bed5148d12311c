package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a sweep interval of ten minutes and a database of its own (no other writer sweeps it), only
 * the wake-up after the commit can explain an event that arrives within seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "notifications.outbox.sweep-interval=10m")
class RelayWakeUpTest {

    private static final TestPostgres DATABASE = TestPostgres.newDatabase();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        WriterProperties.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @Test
    void commitWakesTheRelaySoTheEventArrivesLongBeforeTheSweep() {
        String user = "user-" + UUID.randomUUID();
        WriterClient client = new WriterClient(port);

        for (int i = 1; i <= 3; i++) {
            HttpResponse created = client.post("/api/notifications", TestTokens.service("notifications:write"),
                    WriterClient.notificationFor(user, "wake " + i));
            assertThat(created.status()).isEqualTo(201);
            int expected = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> TopicReader.recordsFor(user).size() == expected);
        }
    }
}
