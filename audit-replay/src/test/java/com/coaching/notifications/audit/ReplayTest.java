package com.coaching.notifications.audit;

import static com.coaching.notifications.audit.AuditFixture.cli;
import static com.coaching.notifications.audit.AuditFixture.created;
import static com.coaching.notifications.audit.AuditFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationRead;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private AuditFixture fixture;
    private final List<EventEnvelope> events = new ArrayList<>();
    private NotificationCreated aliceFirst;

    @BeforeAll
    void publishTwelveMinutesOfEvents() throws Exception {
        fixture = new AuditFixture();
        // Minute m: alice on even minutes, bob on odd ones; alice reads her first notification at minute 6.
        long aliceSeq = 0;
        long bobSeq = 0;
        for (int m = 0; m < 12; m++) {
            Instant at = T0.plus(Duration.ofMinutes(m));
            if (m == 6) {
                events.add(envelope(EventType.NOTIFICATION_READ, "alice", ++aliceSeq, at,
                        new NotificationRead(aliceFirst.id(), "alice", aliceSeq, NotificationStatus.READ, at)));
            } else if (m % 2 == 0) {
                NotificationCreated c = created("alice", ++aliceSeq, at);
                if (aliceFirst == null) {
                    aliceFirst = c;
                }
                events.add(envelope(c));
            } else {
                events.add(envelope(created("bob", ++bobSeq, at)));
            }
        }
        fixture.publish(events);
    }

    @Test
    void replaysExactlyTheEventsOfTheRangeInTimeOrder() {
        AuditFixture.Run run = replay("--from", "2025-03-01T10:03:00Z", "--to", "2025-03-01T10:08:00Z");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines().stream().map(JSON::readTree).toList();
        assertThat(lines).extracting(l -> l.get("timestamp").asString()).containsExactly(
                "2025-03-01T10:03:00Z", "2025-03-01T10:04:00Z", "2025-03-01T10:05:00Z", "2025-03-01T10:06:00Z",
                "2025-03-01T10:07:00Z");
        JsonNode first = lines.get(0);
        assertThat(first.get("user_id").asString()).isEqualTo("bob");
        assertThat(first.get("type").asString()).isEqualTo("notification.created");
        assertThat(first.get("seq").asLong()).isEqualTo(2);
        assertThat(first.get("id").asString()).isEqualTo(events.get(3).id().toString());
        assertThat(first.get("data").get("title").asString()).isEqualTo("Title 2");
    }

    @Test
    void keepsTimeOrderAcrossPartitionsWhenRecordsArriveOneAtATime() throws Exception {
        AuditFixture spread = new AuditFixture();
        List<EventEnvelope> inOrder = new ArrayList<>();
        for (int m = 0; m < 24; m++) {
            inOrder.add(envelope(created("user-" + (m % 6), m / 6 + 1, T0.plus(Duration.ofMinutes(m)))));
        }
        spread.publish(inOrder);

        AuditFixture.Run run = cli("replay", "--bootstrap-servers", TestKafka.bootstrapServers(), "--topic", spread.topic,
                "--from", "2025-03-01", "--to", "2025-03-02", "--kafka-property", "max.poll.records=1");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines().stream().map(JSON::readTree).toList();
        assertThat(lines.stream().map(l -> l.get("partition").asInt()).distinct().count()).as("partitions used").isGreaterThan(1);
        assertThat(lines).extracting(l -> l.get("id").asString())
                .containsExactlyElementsOf(inOrder.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void filtersByUserAndByType() {
        AuditFixture.Run alice = replay("--from", "2025-03-01", "--to", "2025-03-02", "--user", "alice");
        AuditFixture.Run reads = replay("--from", "2025-03-01", "--to", "2025-03-02", "--type", "notification.read");

        assertThat(alice.lines()).hasSize(6).allSatisfy(l -> assertThat(JSON.readTree(l).get("user_id").asString()).isEqualTo("alice"));
        assertThat(alice.lines()).extracting(l -> JSON.readTree(l).get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(reads.lines()).hasSize(1);
        assertThat(JSON.readTree(reads.lines().get(0)).get("data").get("id").asString()).isEqualTo(aliceFirst.id().toString());
    }

    @Test
    void writesCsvWithAHeaderAndQuotedJsonData() {
        AuditFixture.Run run = replay("--from", "2025-03-01T10:00:00Z", "--to", "2025-03-01T10:01:00Z", "--format", "csv");

        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).isEqualTo("partition,offset,timestamp,id,type,user_id,seq,time,data");
        assertThat(run.lines().get(1)).contains(",2025-03-01T10:00:00Z,", ",notification.created,alice,1,")
                .endsWith("}\"")
                .contains("\"{\"\"id\"\":\"\"" + aliceFirst.id());
    }

    @Test
    void showsProgressOnStderrWhenAsked() {
        AuditFixture.Run run = replay("--from", "2025-03-01", "--to", "2025-03-02", "--progress");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).hasSize(12);
        assertThat(run.err()).contains("replay [").contains("12 of 12 records");
    }

    @Test
    void anEmptyRangeGivesNoEvents() {
        AuditFixture.Run run = replay("--from", "2024-01-01", "--to", "2024-01-02");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).isEmpty();
    }

    private AuditFixture.Run replay(String... options) {
        List<String> args = new ArrayList<>(List.of("replay", "--bootstrap-servers", TestKafka.bootstrapServers(),
                "--topic", fixture.topic));
        args.addAll(List.of(options));
        return cli(args.toArray(String[]::new));
    }
}
