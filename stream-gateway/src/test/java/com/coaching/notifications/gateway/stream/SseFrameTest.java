package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseFrameTest {

    @Test
    void encodesRetryIdEventAndDataFieldsEndedByABlankLine() {
        SseFrame frame = SseFrame.of("notification", "42", Duration.ofSeconds(3), "{\"title\":\"ü\"}");

        assertThat(text(frame)).isEqualTo("retry: 3000\nid: 42\nevent: notification\ndata: {\"title\":\"ü\"}\n\n");
        assertThat(frame.event()).isEqualTo("notification");
    }

    @Test
    void splitsMultiLineDataIntoSeveralDataLines() {
        SseFrame frame = SseFrame.of("heartbeat", null, null, "a\nb\r\nc\rd");

        assertThat(text(frame)).isEqualTo("event: heartbeat\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void lineBreaksInIdOrEventCannotForgeFieldsOrFrames() {
        SseFrame frame = SseFrame.of("notification\ndata: forged", "1\n\nevent: forged", null, "{}");

        assertThat(text(frame).split("\n", -1)).containsExactly(
                "id: 1  event: forged", "event: notification data: forged", "data: {}", "", "");
    }

    private static String text(SseFrame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }
}
