package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request of another service is read exactly as its schema says, where events are read leniently. */
class NotificationRequestJsonTest {

    private static final String VALID = """
            {"request_id": "r-1", "user_id": "u", "type": "info", "title": "t", "message": "",
             "metadata": {"n": 1, "f": 2.5, "b": true, "s": "", "none": null, "list": [1, "x"], "emoji": "\\ud83d\\ude00"},
             "related_session_id": "3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10"}""";

    @Test
    void aRequestThatFollowsTheSchemaIsReadAsSent() {
        NotificationRequest request = EventJson.fromBytesStrictly(utf8(VALID), NotificationRequest.class);

        assertThat(request.requestId()).isEqualTo("r-1");
        assertThat(request.message()).isEmpty();
        assertThat(request.metadata()).containsEntry("s", "").containsEntry("emoji", "😀").containsEntry("b", true)
                .containsEntry("list", List.of(1, "x"));
        assertThat(request.relatedSessionId()).isEqualTo(UUID.fromString("3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"title\": 5", "\"title\": 1.5", "\"title\": true", "\"user_id\": 42", "\"request_id\": 7",
            "\"related_session_id\": \"\"", "\"metadata\": \"\"", "\"priority\": \"high\"", "\"title\": \"again\""})
    void aFieldOfAnotherTypeUnknownOrSentTwiceIsRefused(String field) {
        byte[] json = utf8(VALID.substring(0, VALID.length() - 1) + ", " + field + "}");

        assertThatThrownBy(() -> EventJson.fromBytesStrictly(json, NotificationRequest.class))
                .isInstanceOf(EventJson.InvalidEventException.class);
    }

    @Test
    void anEventIsStillReadWithFieldsItDoesNotKnow() {
        byte[] json = utf8(VALID.substring(0, VALID.length() - 1) + ", \"priority\": \"high\"}");

        assertThat(EventJson.fromBytes(json, NotificationRequest.class).requestId()).isEqualTo("r-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C1 81", "C0 80", "E0 80 80", "ED A0 80", "F4 90 80 80", "E2 82"})
    void bytesThatAreNotUtf8AreRefusedWithTheirPosition(String hex) {
        byte[] json = withTitleBytes(hex);
        int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"title\": \"") + "\"title\": \"".length();

        assertThatThrownBy(() -> EventJson.fromBytesStrictly(json, NotificationRequest.class))
                .isInstanceOf(EventJson.InvalidEventException.class)
                .hasMessage("not valid UTF-8 (at byte " + at + ")");
    }

    private static byte[] withTitleBytes(String hex) {
        String[] around = VALID.replace("\"title\": \"t\"", "\"title\": \"|\"").split("\\|");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(around[0]));
        Arrays.stream(hex.split(" ")).forEach(b -> out.write(Integer.parseInt(b, 16)));
        out.writeBytes(utf8(around[1]));
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
