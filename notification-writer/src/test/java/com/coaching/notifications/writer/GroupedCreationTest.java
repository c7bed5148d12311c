package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Concurrent creations without an idempotency key share transactions, each answered as if alone. */
class GroupedCreationTest extends WriterIntegrationTest {

    private static final int IN_FLIGHT = 64;

    @Test
    void concurrentCreationsShareTransactionsAndAUsersSeqsStayGapless() throws Exception {
        String user = "user-" + UUID.randomUUID();

        List<HttpResponse> responses = postConcurrently(i -> WriterClient.notificationFor(user, "grouped " + i));

        for (HttpResponse response : responses) {
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.headers().getLocation().getPath())
                    .isEqualTo("/api/notifications/" + response.json().get("id").asString());
        }
        assertThat(responses.stream().map(r -> r.json().get("seq").asLong()).sorted().toList())
                .isEqualTo(LongStream.rangeClosed(1, IN_FLIGHT).boxed().toList());
        for (HttpResponse response : responses) {
            assertThat(jdbc.sql("select seq from notification where id = ?::uuid")
                    .param(response.json().get("id").asString()).query(Long.class).single())
                    .isEqualTo(response.json().get("seq").asLong());
        }
        // Rows written by one transaction share its id (xmin).
        long transactions = jdbc.sql("select count(distinct xmin::text) from notification where user_id = ?")
                .param(user).query(Long.class).single();
        assertThat(transactions).isLessThan(IN_FLIGHT);
    }

    @Test
    void aCreationTheDatabaseRefusesFailsAloneAndTheOthersAreCreated() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String refused = "refused " + UUID.randomUUID();
        jdbc.sql("""
                create function refuse_title() returns trigger language plpgsql as $$
                begin
                    if new.title = '%s' then raise exception 'refused'; end if;
                    return new;
                end $$""".formatted(refused)).update();
        jdbc.sql("create trigger refuse_title before insert on notification for each row execute function refuse_title()")
                .update();
        try {
            List<HttpResponse> responses = postConcurrently(
                    i -> WriterClient.notificationFor(user, i == IN_FLIGHT / 2 ? refused : "accepted " + i));

            HttpResponse failed = responses.get(IN_FLIGHT / 2);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(failed.json().get("status").asInt()).isEqualTo(500);
            for (int i = 0; i < IN_FLIGHT; i++) {
                if (i != IN_FLIGHT / 2) {
                    assertThat(responses.get(i).status()).isEqualTo(201);
                }
            }
            assertThat(storedNotifications(user)).isEqualTo(IN_FLIGHT - 1);
            assertThat(responses.stream().filter(r -> r.status() == 201).map(r -> r.json().get("seq").asLong())
                    .sorted().toList())
                    .isEqualTo(LongStream.rangeClosed(1, IN_FLIGHT - 1).boxed().toList());
        } finally {
            jdbc.sql("drop trigger refuse_title on notification").update();
            jdbc.sql("drop function refuse_title()").update();
        }
    }

    /** The bodies all POSTed at once, the responses in the order of the bodies. */
    private List<HttpResponse> postConcurrently(IntFunction<String> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<HttpResponse>> pending = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                String json = body.apply(i);
                pending.add(pool.submit(() -> client.post("/api/notifications", WriterClient.WRITE_TOKEN, json)));
            }
            List<HttpResponse> responses = new ArrayList<>();
            for (Future<HttpResponse> response : pending) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
