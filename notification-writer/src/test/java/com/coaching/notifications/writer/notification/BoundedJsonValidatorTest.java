package com.coaching.notifications.writer.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the metadata limit of {@link CreateNotificationRequest} lies, in bytes of the JSON as it is stored
 * and published: a character of two, three or four UTF-8 bytes, or one JSON escapes in two or six bytes,
 * counts as that many.
 */
class BoundedJsonValidatorTest {

    private static final int MAX = CreateNotificationRequest.MAX_METADATA_BYTES;

    /** Written as {@code "é€😀\"\\\n\u0001"}: 2 + 3 + 4 bytes of UTF-8, three two-byte escapes, one six-byte escape. */
    private static final String WIDE = "é€😀\"\\\n\u0001";
    private static final int WIDE_BYTES = 2 + 3 + 4 + 2 + 2 + 2 + 6;
    /** Everything of {@link #metadata} but the two texts. */
    private static final int FRAMING_BYTES = "{\"a\":[1,true,null,2.5],\"b\":\"\",\"padding\":\"\"}".length();
    private static final int PADDING_AT_THE_LIMIT = MAX - FRAMING_BYTES - WIDE_BYTES;

    private final BoundedJsonValidator validator = new BoundedJsonValidator();

    @BeforeEach
    void initialize() throws NoSuchFieldException {
        validator.initialize(CreateNotificationRequest.class.getDeclaredField("metadata").getAnnotation(BoundedJson.class));
    }

    /** A last character of the padding, and the bytes it takes in a JSON string. */
    static Stream<Arguments> lastCharacters() {
        return Stream.of(
                Arguments.of("an ASCII letter", "x", 1),
                Arguments.of("a two-byte character", "é", 2),
                Arguments.of("a three-byte character", "€", 3),
                Arguments.of("a four-byte character", "😀", 4),
                Arguments.of("a two-byte escape", "\t", 2),
                Arguments.of("a six-byte escape", "\u001f", 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lastCharacters")
    void takesMetadataOfExactlyTheLimitAndRefusesOneByteMore(String what, String last, int lastBytes) {
        String atTheLimit = "x".repeat(PADDING_AT_THE_LIMIT - lastBytes) + last;
        assertThat(validator.isValid(metadata(atTheLimit), null)).isTrue();
        assertThat(validator.isValid(metadata("x" + atTheLimit), null)).isFalse();
        assertThat(validator.isValid(metadata(atTheLimit.substring(1)), null)).isTrue();
    }

    @Test
    void takesNoMetadata() {
        assertThat(validator.isValid(null, null)).isTrue();
    }

    private static Map<String, Object> metadata(String padding) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("a", Arrays.asList(1, true, null, 2.5));
        metadata.put("b", WIDE);
        metadata.put("padding", padding);
        return metadata;
    }
}
