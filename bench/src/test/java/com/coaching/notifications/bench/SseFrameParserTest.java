package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFrameParserTest {

    private final List<SseFrameParser.Frame> frames = new ArrayList<>();
    private final SseFrameParser parser = new SseFrameParser(frames::add);

    @Test
    void framesSplitAtEveryPossibleByteArriveWhole() {
        String stream = "retry: 3000\nevent: connected\ndata: {\"user_id\":\"u\"}\n\n"
                + "id: 7\nevent: notification\ndata: {\"title\":\"Grüße ✓\"}\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            frames.clear();
            SseFrameParser p = new SseFrameParser(frames::add);
            p.feed(bytes, 0, split);
            p.feed(bytes, split, bytes.length - split);
            assertThat(frames).as("split at byte %d", split).containsExactly(
                    new SseFrameParser.Frame("connected", null, "{\"user_id\":\"u\"}"),
                    new SseFrameParser.Frame("notification", "7", "{\"title\":\"Grüße ✓\"}"));
        }
    }

    @Test
    void crlfAndCrLineEndsAreLineEnds() {
        feed("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r");
        assertThat(frames).extracting(SseFrameParser.Frame::event).containsExactly("a", "b");
        assertThat(frames).extracting(SseFrameParser.Frame::data).containsExactly("1", "2");
    }

    @Test
    void crlfSplitBetweenItsTwoBytesIsOneLineEnd() {
        feed("data: x\r");
        feed("\n\r");
        feed("\n");
        assertThat(frames).containsExactly(new SseFrameParser.Frame("message", null, "x"));
    }

    @Test
    void dataLinesJoinWithNewlinesAndOnlyOneLeadingSpaceIsDropped() {
        feed("data:  two spaces\ndata:no space\n\n");
        assertThat(frames).extracting(SseFrameParser.Frame::data).containsExactly(" two spaces\nno space");
    }

    @Test
    void commentsAndFramesWithoutDataAreNotDispatched() {
        feed(": keep-alive\n\nevent: heartbeat\n\nretry: 10\n\n");
        assertThat(frames).isEmpty();
    }

    @Test
    void anEventNameOrDataInsideAnotherFieldIsNotMistakenForOne() {
        feed("data: event: notification\n\n");
        assertThat(frames).containsExactly(new SseFrameParser.Frame("message", null, "event: notification"));
    }

    @Test
    void theLastEventIdCarriesOverAsInEventSource() {
        feed("id: 3\ndata: a\n\ndata: b\n\n");
        assertThat(frames).extracting(SseFrameParser.Frame::id).containsExactly("3", "3");
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }
}
