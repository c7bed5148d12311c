package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The one timer that ends the streams whose credential has expired, whatever their number. */
class CredentialExpiryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final CredentialExpiry expiry = new CredentialExpiry(registry);
    private final Instant now = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void aCheckEndsEveryStreamWhoseCredentialHasExpiredWithReauthenticateAndLeavesTheOthersOpen() {
        Stream expired = open("expired", now.minusSeconds(1));
        Stream expiringNow = open("expiring-now", now);
        Stream valid = open("valid", now.plusSeconds(1));
        Stream withoutExpiry = open("without-expiry", null);

        expiry.check(now);

        assertThat(expired.events()).containsExactly("reauthenticate");
        assertThat(expired.ended).isTrue();
        assertThat(expiringNow.events()).containsExactly("reauthenticate");
        assertThat(valid.events()).isEmpty();
        assertThat(valid.ended).isFalse();
        assertThat(withoutExpiry.events()).isEmpty();
        assertThat(withoutExpiry.ended).isFalse();
    }

    @Test
    void aStreamIsToldToReauthenticateOnceThoughLaterChecksStillFindItRegistered() {
        Stream expired = open("expired", now.minusSeconds(1));

        expiry.check(now);
        expiry.check(now.plusSeconds(1));

        assertThat(expired.events()).containsExactly("reauthenticate");
    }

    @Test
    void theSameStreamIsEndedByALaterCheckOnceItsCredentialHasExpired() {
        Stream valid = open("valid", now.plusSeconds(1));

        expiry.check(now);
        assertThat(valid.events()).isEmpty();
        expiry.check(now.plusSeconds(1));

        assertThat(valid.events()).containsExactly("reauthenticate");
        assertThat(valid.ended).isTrue();
    }

    private Stream open(String userId, Instant expiresAt) {
        Connection connection = new Connection(userId, expiresAt, OptionalLong.empty(), 16, Duration.ofSeconds(3),
                after -> Flux.empty(), () -> true);
        assertThat(registry.tryAdd(connection, 10, 100)).isEqualTo(ConnectionRegistry.Admission.ADDED);
        Stream stream = new Stream();
        connection.frames().subscribe(
                frame -> stream.frames.add(new String(frame.bytes(), StandardCharsets.UTF_8)),
                error -> stream.ended = true,
                () -> stream.ended = true);
        return stream;
    }

    private static final class Stream {
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile boolean ended;

        List<String> events() {
            return frames.stream()
                    .map(frame -> frame.lines().filter(line -> line.startsWith("event: ")).findFirst().orElse(""))
                    .map(line -> line.substring("event: ".length()))
                    .toList();
        }
    }
}
