package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.StreamEventPage;
import com.coaching.notifications.testsupport.LargestNotification;
import com.coaching.notifications.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pages of the history bounded by bytes ({@code max_bytes}) as well as by count ({@code limit}), so that a
 * reader's buffer for one page is bounded whatever the events' sizes; and the bounds of both are the event
 * contract's, which the gateway validates its settings against.
 */
class StreamHistoryPagingTest extends WriterIntegrationTest {

    private static final int EVENTS = 12;

    @Test
    void aPageEndsBeforeItWouldExceedTheByteBudgetAndThePagesTogetherHoldEveryEventOnceInOrder() {
        String me = eventsOfMixedSizes();
        int budget = 40_000;

        List<Page> pages = walk(me, "&max_bytes=" + budget);

        for (Page page : pages) {
            assertThat(page.seqs().size() == 1 || page.bytes() <= budget)
                    .as("a page of %d events takes %d bytes", page.seqs().size(), page.bytes()).isTrue();
        }
        assertThat(pages).as("the budget, not the limit, cuts the pages").hasSizeGreaterThan(2);
        assertThat(pages).as("a page takes as many events as fit").anyMatch(page -> page.seqs().size() > 1);
        assertThat(pages.subList(0, pages.size() - 1)).allMatch(Page::hasMore);
        assertThat(pages.get(pages.size() - 1).hasMore()).isFalse();
        assertThat(pages.stream().flatMap(page -> page.seqs().stream()).toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
    }

    @Test
    void aBudgetSmallerThanAnEventStillGetsOneEventPerPage() {
        String me = eventsOfMixedSizes();

        List<Page> pages = walk(me, "&max_bytes=" + StreamEventPage.MIN_BUDGET_BYTES);

        assertThat(pages).hasSize(EVENTS).allMatch(page -> page.seqs().size() == 1);
        assertThat(pages).allSatisfy(page -> assertThat(page.bytes())
                .isLessThanOrEqualTo(StreamEventPage.largestBody(StreamEventPage.MIN_BUDGET_BYTES)));
    }

    @Test
    void withoutABudgetAPageStaysWithinTheLargestBudget() {
        String me = "user-" + UUID.randomUUID();
        int count = StreamEventPage.MAX_BUDGET_BYTES / 15_000 + 10;
        for (int i = 0; i < count; i++) {
            create(me, LargestNotification.body(me));
        }

        Page first = page(me, 0, "");

        assertThat(first.hasMore()).isTrue();
        assertThat(first.bytes()).isLessThanOrEqualTo(StreamEventPage.MAX_BUDGET_BYTES);
        assertThat(walk(me, "").stream().mapToInt(page -> page.seqs().size()).sum()).isEqualTo(count);
    }

    @Test
    void theContractsLargestLimitAndBudgetsAreAccepted() {
        String me = "user-" + UUID.randomUUID();
        client.create(me, "a");
        for (String query : List.of("limit=" + StreamEventPage.MAX_LIMIT, "max_bytes=" + StreamEventPage.MAX_BUDGET_BYTES,
                "max_bytes=" + StreamEventPage.MIN_BUDGET_BYTES)) {
            HttpResponse response = client.get("/api/notifications/events?after=0&" + query, TestTokens.user(me));
            assertThat(response.status()).as(query).isEqualTo(200);
            assertThat(response.json().get("events")).hasSize(1);
        }
    }

    /** A user with {@link #EVENTS} events, the largest and small ones in turn. */
    private String eventsOfMixedSizes() {
        String me = "user-" + UUID.randomUUID();
        for (int i = 0; i < EVENTS; i++) {
            create(me, i % 3 == 2 ? WriterClient.notificationFor(me, "small " + i) : LargestNotification.body(me));
        }
        return me;
    }

    private void create(String userId, String body) {
        HttpResponse created = client.post("/api/notifications", WriterClient.WRITE_TOKEN, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** One page as it came over the wire. */
    private record Page(List<Long> seqs, boolean hasMore, int bytes) {
    }

    /** Every page from the start, each after the last seq of the one before, as a gateway reads them. */
    private List<Page> walk(String userId, String budget) {
        List<Page> pages = new ArrayList<>();
        long after = 0;
        do {
            Page page = page(userId, after, budget);
            assertThat(page.seqs()).as("a page after %d", after).isNotEmpty();
            pages.add(page);
            after = page.seqs().get(page.seqs().size() - 1);
        } while (pages.get(pages.size() - 1).hasMore() && pages.size() <= 10 * EVENTS);
        return pages;
    }

    private Page page(String userId, long after, String budget) {
        HttpResponse response = client.get("/api/notifications/events?after=" + after + "&limit="
                + StreamEventPage.MAX_LIMIT + budget, TestTokens.user(userId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode page = response.json();
        List<Long> seqs = new ArrayList<>();
        page.get("events").forEach(event -> seqs.add(event.get("seq").asLong()));
        return new Page(seqs, page.get("has_more").asBoolean(), response.body().getBytes(StandardCharsets.UTF_8).length);
    }
}
