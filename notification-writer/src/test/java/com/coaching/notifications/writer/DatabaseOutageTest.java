package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A PostgreSQL of the test's own is stopped under a running writer and started again on the same
 * port and data: meanwhile every call answers a quick 503 problem with {@code Retry-After}, and
 * afterwards the same writer, not restarted, creates again, with nothing half-stored. Requests sent
 * on the topic meanwhile wait (retried, never dead-lettered) and are created once it is back, in order.
 */
class DatabaseOutageTest {

    /** Well below Hikari's 30 s default wait for a connection, which the writer must not inherit. */
    private static final Duration QUICK = Duration.ofSeconds(10);

    @Test
    void whilePostgresIsDownCallsAnswer503QuicklyAndOnceItIsBackTheSameWriterCreatesAgain() throws IOException {
        EmbeddedPostgres.Builder postgresOnFixedPortAndData = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of("target/database-outage-" + UUID.randomUUID()))
                .setCleanDataDirectory(false)
                .setPort(FreePorts.pick());
        EmbeddedPostgres postgres = postgresOnFixedPortAndData.start();
        String user = "outage-" + UUID.randomUUID();
        try (WriterInstance writer = WriterInstance.startOn(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                "postgres", TestKafka.bootstrapServers())) {
            WriterClient client = writer.client();
            client.create(user, "before the outage");

            postgres.close();
            try (RequestTopic topic = new RequestTopic()) {
                topic.send(user, RequestJson.utf8(RequestJson.of(user, true, Map.of("title", "\"asked for meanwhile\""))));
                topic.send(user, RequestJson.utf8(RequestJson.of(user, true, Map.of("title", "\"and behind it\""))));
            }
            await("the request consumer fails and tries again").atMost(Duration.ofSeconds(30))
                    .until(() -> writer.requestDeliveriesFailedWithoutRejection() >= 2);
            assertQuickUnavailableProblem(() -> client.post("/api/notifications", WriterClient.WRITE_TOKEN,
                    WriterClient.notificationFor(user, "during the outage")));
            assertQuickUnavailableProblem(() -> client.get("/api/notifications", TestTokens.user(user)));
            assertQuickUnavailableProblem(() -> client.get("/api/notifications/unread-count", TestTokens.user(user)));

            postgres = postgresOnFixedPortAndData.start();
            await("the writer creates again without a restart").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> client.post("/api/notifications", WriterClient.WRITE_TOKEN,
                            WriterClient.notificationFor(user, "after the outage")).status() == 201);
            await("the requests sent meanwhile, retried until the database is back").atMost(Duration.ofSeconds(30))
                    .until(() -> count(writer, "select count(*) from notification where user_id = ?", user) == 4);
            assertThat(writer.jdbc().sql("select title from notification where user_id = ? and title in (?, ?) order by seq")
                    .params(user, "asked for meanwhile", "and behind it").query(String.class).list())
                    .containsExactly("asked for meanwhile", "and behind it");
            assertThat(TopicReader.deadLetters()).noneMatch(r -> user.equals(r.key()));

            // Four creates succeeded; each is a notification, a seq and a history event, nothing more or less.
            assertThat(count(writer, "select count(*) from stream_history where user_id = ?", user)).isEqualTo(4);
            assertThat(count(writer, "select coalesce(max(last_seq), 0) from user_stream where user_id = ?", user))
                    .isEqualTo(4);
            assertThat(count(writer, """
                    select count(*) from outbox o where o.user_id = ?
                    and not exists (select 1 from notification n where n.user_id = o.user_id and n.seq = o.seq)""", user))
                    .as("outbox rows without their notification").isZero();
        } finally {
            postgres.close();
        }
    }

    private static void assertQuickUnavailableProblem(Supplier<HttpResponse> call) {
        long started = System.nanoTime();
        HttpResponse response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.headers().getFirst("Retry-After")).matches("[1-9][0-9]*");
        assertThat(response.json().get("status").asInt()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Exception", "SQL", "at com.");
        assertThat(took).as("answered without waiting out Hikari's default").isLessThan(QUICK);
    }

    private static long count(WriterInstance writer, String sql, String user) {
        return writer.jdbc().sql(sql).param(user).query(Long.class).single();
    }
}
