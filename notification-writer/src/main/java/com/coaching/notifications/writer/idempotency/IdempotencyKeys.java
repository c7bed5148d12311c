package com.coaching.notifications.writer.idempotency;

import com.coaching.notifications.events.EventJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an operation at most once per (scope, key): a repeat with the same request gets the first
 * response again; a repeat with another request is a conflict.
 *
 * <p>The key's row is inserted before the work, in the work's transaction. A concurrent request with
 * the same key blocks on that insert until the first commits (then replays its response) or rolls
 * back (then does the work itself), so two requests never both do the work.
 */
@Component
public class IdempotencyKeys {

    /** Map keys sorted, so that the same request in another field order has the same fingerprint. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The row of one key, as a condition on the parameters {@code scope} and {@code key}. */
    private static final String THE_KEY = "scope = :scope and idempotency_key = :key";

    private final JdbcClient jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyKeys(JdbcClient jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * @param key      the caller's key and whose keys it belongs to
     * @param request  what the caller asked for; its canonical JSON is compared on a repeat
     * @param response the type of the response, stored as JSON for replay
     * @param work     the operation, run in the caller's transaction
     * @throws IdempotencyKeyConflictException when the key was used with a different request
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> Idempotent<T> once(IdempotencyKey key, Object request, Class<T> response, Supplier<T> work) {
        Map<String, String> theKey = Map.of("scope", key.scope(), "key", key.key());
        byte[] fingerprint = fingerprint(request);
        Instant now = clock.instant();
        jdbc.sql("delete from idempotency_key where " + THE_KEY + " and created_at < :cutoff")
                .params(theKey).param("cutoff", cutoff(now))
                .update();
        int claimed = jdbc.sql("""
                        insert into idempotency_key (scope, idempotency_key, fingerprint, created_at)
                        values (:scope, :key, :fingerprint, :now)
                        on conflict (scope, idempotency_key) do nothing
                        """)
                .params(theKey).param("fingerprint", fingerprint).param("now", Timestamp.from(now))
                .update();
        if (claimed == 1) {
            T result = work.get();
            jdbc.sql("update idempotency_key set response = :response where " + THE_KEY)
                    .params(theKey).param("response", EventJson.toBytes(result))
                    .update();
            return new Idempotent<>(result, false);
        }
        Stored stored = jdbc.sql("select fingerprint, response from idempotency_key where " + THE_KEY)
                .params(theKey)
                .query((rs, n) -> new Stored(rs.getBytes("fingerprint"), rs.getBytes("response")))
                .single();
        if (!Arrays.equals(stored.fingerprint(), fingerprint)) {
            throw new IdempotencyKeyConflictException();
        }
        return new Idempotent<>(EventJson.fromBytes(stored.response(), response), true);
    }

    /** Drops keys older than the retention. */
    @Transactional
    public int prune() {
        return jdbc.sql("delete from idempotency_key where created_at < :cutoff")
                .param("cutoff", cutoff(clock.instant()))
                .update();
    }

    private Timestamp cutoff(Instant now) {
        return Timestamp.from(now.minus(properties.retention()));
    }

    private record Stored(byte[] fingerprint, byte[] response) {
    }

    private static byte[] fingerprint(Object request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
