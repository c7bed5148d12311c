package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentHeaderTest {

    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aVersion00HeaderGivesItsTraceItsParentAndWhetherItIsSampled() {
        assertThat(TraceParentHeader.parse(SAMPLED)).hasValueSatisfying(header -> {
            assertThat(header.text()).isEqualTo(SAMPLED);
            assertThat(header.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(header.parentId()).isEqualTo("00f067aa0ba902b7");
            assertThat(header.sampled()).isTrue();
        });
        assertThat(TraceParentHeader.parse(SAMPLED.replace("-01", "-00")).orElseThrow().sampled()).isFalse();
        // Only the lowest bit says sampled; the others (W3C level 2's "random") do not change that.
        assertThat(TraceParentHeader.parse(SAMPLED.replace("-01", "-03")).orElseThrow().sampled()).isTrue();
        assertThat(TraceParentHeader.parse(SAMPLED.replace("-01", "-02")).orElseThrow().sampled()).isFalse();
    }

    @Test
    void aRecordsHeaderBytesAreReadAsAscii() {
        assertThat(TraceParentHeader.parse(SAMPLED.getBytes(StandardCharsets.US_ASCII))).map(TraceParentHeader::text)
                .hasValue(SAMPLED);
        assertThat(TraceParentHeader.parse((byte[]) null)).isEmpty();
        assertThat(TraceParentHeader.parse(("00-" + "z".repeat(300)).getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' is not a traceparent")
    @ValueSource(strings = {"", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", " " + SAMPLED})
    void anythingElseIsNone(String text) {
        assertThat(TraceParentHeader.parse(text)).isEmpty();
    }

    @Test
    void nullIsNone() {
        assertThat(TraceParentHeader.parse((String) null)).isEmpty();
    }
}
