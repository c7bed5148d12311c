package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

/** A replica going away ends its streams at once, telling clients when to come back, instead of hanging on to them. */
class GracefulShutdownTest {

    @Test
    void shutdownEndsOpenStreamsPromptlyWithAReconnectionHint() {
        ReactiveWebServerApplicationContext gateway = (ReactiveWebServerApplicationContext)
                new SpringApplicationBuilder(StreamGatewayApplication.class).run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                        "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestTokens.AUDIENCE,
                        "--notifications.stream.retry=1s");
        String url = "http://127.0.0.1:" + gateway.getWebServer().getPort() + "/api/notifications/stream";

        try (SseClient client = SseClient.connect(url, TestTokens.user("user-shutdown"))) {
            client.awaitEvent("connected", Duration.ofSeconds(10));

            long started = System.nanoTime();
            gateway.close();

            // Graceful shutdown waits for open requests; a stream left open would hold it for its whole timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(client::ended);
            // Jittered between retry and twice retry, so clients spread over the other replicas.
            assertThat(client.received()).last().satisfies(frame -> assertThat(frame.retry())
                    .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        } finally {
            gateway.close();
        }
    }
}
