package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ordering rules of one connection, item by item: every seq once, ascending, whatever the sources do. */
class ResumeSequencerTest {

    private final List<Long> catchUps = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();

    private ResumeSequencer sequencer(OptionalLong lastEventId, int holdLimit) {
        return new ResumeSequencer(lastEventId, holdLimit, Duration.ofSeconds(3), catchUps::add, overflows::incrementAndGet);
    }

    @Test
    void newClientWithoutLastIdGetsLiveEventsFromTheFirstOneOnWithoutACatchUp() {
        ResumeSequencer sequencer = sequencer(OptionalLong.empty(), 10);

        assertThat(ids(sequencer, live(7), live(8))).containsExactly("7", "8");
        assertThat(catchUps).isEmpty();
    }

    @Test
    void resumingClientGetsTheHistoryInSeqOrderThenTheLiveEventsHeldMeanwhile() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);
        assertThat(catchUps).containsExactly(2L);

        List<String> sent = ids(sequencer, live(5), live(6), history(3), history(4), caughtUp(), live(7));

        assertThat(sent).containsExactly("3", "4", "5", "6", "7");
    }

    @Test
    void eventsInBothTheHistoryAndTheLiveStreamAreSentOnce() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);

        List<String> sent = ids(sequencer, live(4), live(5), history(3), history(4), history(5), caughtUp(),
                live(5), live(6));

        assertThat(sent).containsExactly("3", "4", "5", "6");
    }

    @Test
    void framesWithoutASeqPassStraightThroughDuringACatchUp() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);
        SseFrame heartbeat = StreamFrames.heartbeat(java.time.Instant.now(), 1);

        assertThat(sequencer.accept(live(4))).isEmpty();
        assertThat(sequencer.accept(new StreamItem.Control(heartbeat))).containsExactly(heartbeat);
    }

    @Test
    void gapInTheLiveSeqsCatchesUpFromTheLastSentThenSendsInOrder() {
        ResumeSequencer sequencer = sequencer(OptionalLong.empty(), 10);
        assertThat(ids(sequencer, live(1), live(4))).containsExactly("1");
        assertThat(catchUps).containsExactly(1L);

        assertThat(ids(sequencer, live(5), history(2), history(3), history(4), caughtUp()))
                .containsExactly("2", "3", "4", "5");
    }

    @Test
    void duplicateOrOlderLiveEventIsDropped() {
        ResumeSequencer sequencer = sequencer(OptionalLong.empty(), 10);

        assertThat(ids(sequencer, live(3), live(3), live(2), live(4))).containsExactly("3", "4");
        assertThat(catchUps).isEmpty();
    }

    @Test
    void prunedHistorySendsResetWithTheOldestSeqThenTheHeldLiveEvents() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);
        sequencer.accept(live(40));
        sequencer.accept(live(41));

        List<SseFrame> sent = sequencer.accept(StreamItem.HistoryReset.pruned(StreamFrames.resetPruned(30L)));

        assertThat(sent).extracting(SseFrame::event).containsExactly("reset", "notification", "notification");
        assertThat(text(sent.get(0))).contains("data: {\"oldest_seq\":30,\"reason\":\"pruned\"}").doesNotContain("id:");
        assertThat(ids(sequencer, live(42))).containsExactly("42");
    }

    @Test
    void resetForAnIdAheadOfTheUsersSeqSendsTheLiveEventsHeldMeanwhileThoughTheyAreBelowThatId() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(100), 10);
        sequencer.accept(live(6));
        sequencer.accept(live(7));

        List<SseFrame> sent = sequencer.accept(StreamItem.HistoryReset.ahead(StreamFrames.resetAhead(1L, 5), 5));

        assertThat(sent).extracting(SseFrame::event).containsExactly("reset", "notification", "notification");
        assertThat(text(sent.get(0))).contains("data: {\"oldest_seq\":1,\"reason\":\"ahead\",\"last_seq\":5}");
        assertThat(ids(sequencer, live(7), live(8))).containsExactly("8");
    }

    /**
     * The reset names the user's last seq, and the list the client reloads holds everything up to it: an
     * event of that range that the topic delivers only now (published after the history was read) is a
     * duplicate, and the stream goes on after it.
     */
    @Test
    void afterAResetForAnIdAheadEventsUpToTheLastSeqItNamesAreDuplicates() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(1000), 10);
        sequencer.accept(live(2));

        List<SseFrame> sent = sequencer.accept(StreamItem.HistoryReset.ahead(StreamFrames.resetAhead(1L, 3), 3));

        assertThat(sent).extracting(SseFrame::event).containsExactly("reset");
        assertThat(ids(sequencer, live(3), live(4), live(5))).containsExactly("4", "5");
    }

    @Test
    void unavailableWriterEndsTheStreamWithAReconnectionDelay() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);
        sequencer.accept(live(4));

        List<SseFrame> sent = sequencer.accept(new StreamItem.WriterUnavailable());

        assertThat(sent).singleElement().satisfies(frame -> {
            assertThat(frame.endsStream()).isTrue();
            assertThat(text(frame)).isEqualTo("retry: 3000\n\n");
        });
        assertThat(sequencer.accept(live(5))).isEmpty();
    }

    @Test
    void catchUpThatFindsNothingWhileAGapRemainsEndsWithRetryRatherThanSkipping() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);
        sequencer.accept(live(5));

        List<SseFrame> sent = sequencer.accept(new StreamItem.CaughtUp());

        assertThat(sent).singleElement().satisfies(frame -> assertThat(frame.endsStream()).isTrue());
        assertThat(catchUps).containsExactly(2L);
    }

    @Test
    void catchUpThatLeavesAGapAfterProgressCatchesUpAgainFromTheNewPosition() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(2), 10);
        sequencer.accept(live(6));

        assertThat(ids(sequencer, history(3), caughtUp())).containsExactly("3");
        assertThat(catchUps).containsExactly(2L, 3L);
        assertThat(ids(sequencer, history(4), history(5), caughtUp())).containsExactly("4", "5", "6");
    }

    @Test
    void holdingMoreLiveEventsThanTheLimitDuringACatchUpDropsTheClient() {
        ResumeSequencer sequencer = sequencer(OptionalLong.of(0), 2);

        ids(sequencer, live(10), live(11));
        assertThat(overflows).hasValue(0);
        ids(sequencer, live(12));

        assertThat(overflows).hasValue(1);
        assertThat(sequencer.accept(history(1))).isEmpty();
    }

    @Test
    void expiredCredentialEndsTheStreamWithReauthenticate() {
        ResumeSequencer sequencer = sequencer(OptionalLong.empty(), 10);

        List<SseFrame> sent = sequencer.accept(new StreamItem.Reauthenticate());

        assertThat(sent).singleElement().satisfies(frame -> {
            assertThat(frame.endsStream()).isTrue();
            assertThat(text(frame)).isEqualTo("event: reauthenticate\ndata: {\"reason\":\"token_expired\"}\n\n");
        });
    }

    private static List<String> ids(ResumeSequencer sequencer, StreamItem... items) {
        return Stream.of(items).flatMap(item -> sequencer.accept(item).stream())
                .map(ResumeSequencerTest::id).toList();
    }

    private static String id(SseFrame frame) {
        return text(frame).lines().filter(line -> line.startsWith("id: ")).map(line -> line.substring(4))
                .findFirst().orElse(frame.event());
    }

    private static StreamItem live(long seq) {
        return new StreamItem.Live(seq, SseFrame.of("notification", Long.toString(seq), null, "{\"seq\":" + seq + "}"));
    }

    private static StreamItem history(long seq) {
        return new StreamItem.History(seq, SseFrame.of("notification", Long.toString(seq), null, "{\"seq\":" + seq + "}"));
    }

    private static StreamItem caughtUp() {
        return new StreamItem.CaughtUp();
    }

    private static String text(SseFrame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }
}
