package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

/** A page of the writer's history, each event's data taken exactly as the writer wrote it. */
class HistoryPageTest {

    @Test
    void readsThePageAndKeepsEachEventsDataVerbatim() {
        String first = "{ \"b\" : 1.0, \"a\":\"caf\\u00e9 café \\/\", \"n\":[1E2, -0.0 ], \"x\":{\"y\":null} }";
        String second = "{\"seq\":3,\"user_id\":\"ü-1\"}";
        HistoryPage page = read("{\"events\":[{\"seq\":2,\"event\":\"notification\",\"data\":" + first + "},"
                + " {\"data\" :" + second + " , \"event\":\"notification.read\",\"seq\":3, \"new\":{\"x\":[1]}}],"
                + "\"last_seq\":7,\"has_more\":true,\"oldest_seq\":2}");

        assertThat(page.events()).containsExactly(
                new HistoryPage.Event(2, "notification", first),
                new HistoryPage.Event(3, "notification.read", second));
        assertThat(page.lastSeq()).isEqualTo(7);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.oldestSeq()).isEqualTo(2);
    }

    @ParameterizedTest(name = "data {0} is taken as it is")
    @ValueSource(strings = {"\"a \\\"quoted\\\" é\"", "1.50", "-7", "true", "null", "[ 1, {\"a\":2} ]", "{}"})
    void dataOfAnyJsonTypeIsTakenAsItIs(String data) {
        // Multi-byte characters before the data: positions are counted in bytes, not characters.
        HistoryPage page = read("{\"note\":\"ééé☃\",\"events\":[{\"seq\":1,\"event\":\"notification\",\"data\":" + data
                + "}],\"last_seq\":1,\"has_more\":false}");

        assertThat(page.events()).extracting(HistoryPage.Event::data).containsExactly(data);
    }

    @Test
    void membersLeftOutOrNullAreTheirDefaults() {
        HistoryPage page = read("{\"events\":null,\"oldest_seq\":null}");

        assertThat(page.events()).isEmpty();
        assertThat(page.lastSeq()).isZero();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.oldestSeq()).isNull();
    }

    @ParameterizedTest(name = "{0} is not a page")
    @ValueSource(strings = {
            "[]",
            "{\"events\":[{\"seq\":1,\"event\":\"notification\"}],\"last_seq\":1}",
            "{\"events\":[{\"seq\":\"1\",\"event\":\"notification\",\"data\":{}}],\"last_seq\":1}",
            "{\"events\":[{\"event\":\"notification\",\"data\":{}}],\"last_seq\":1}",
            "{\"events\":{},\"last_seq\":1}",
            "{\"events\":[],\"last_seq\":1.5}",
            "{\"events\":[],\"has_more\":\"false\"}"})
    void aBodyThatIsNoPageIsRefused(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTruncatedPageIsRefused() {
        assertThatThrownBy(() -> read("{\"events\":[{\"seq\":1,\"event\":\"notification\",\"data\":{\"a\":"))
                .isInstanceOf(JacksonException.class);
    }

    private static HistoryPage read(String body) {
        return HistoryPage.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
