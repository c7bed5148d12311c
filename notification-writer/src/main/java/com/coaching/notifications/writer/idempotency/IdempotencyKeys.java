package com.coaching.notifications.writer.idempotency;

import com.coaching.notifications.events.EventJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate batch;
    private final IdempotencyProperties properties;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyKeys(JdbcClient jdbc, JdbcTemplate batch, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.batch = batch;
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

    /** What {@link #claimAll} found for one key. */
    public enum Claim {
        /** Not used before: do the work, in the claiming transaction. */
        NEW,
        /** Used before (or earlier in the same list) for the same request: the work is done, do nothing. */
        REPEATED,
        /** Used before for a different request. */
        CONFLICT
    }

    /**
     * Claims many keys of one scope at once, for work done together in the caller's transaction (a batch of
     * the request topic). Keys are inserted in sorted order, so two transactions claiming overlapping keys
     * wait for each other instead of deadlocking; one claimed and not yet committed elsewhere makes this
     * wait, as in {@link #once}. Nobody waits for the response of such work, so none is stored.
     *
     * @param keys     a key for each request
     * @param requests what each key is used for; its canonical JSON is compared on a repeat
     * @return the claim of each key, in the order given
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Claim> claimAll(String scope, List<String> keys, List<?> requests) {
        Map<String, byte[]> fingerprints = new TreeMap<>();
        List<byte[]> asked = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            byte[] fingerprint = fingerprint(requests.get(i));
            asked.add(fingerprint);
            fingerprints.putIfAbsent(keys.get(i), fingerprint);
        }
        String[] sorted = fingerprints.keySet().toArray(String[]::new);
        Instant now = clock.instant();
        batch.update(connection -> {
            var statement = connection.prepareStatement("""
                    delete from idempotency_key where scope = ? and idempotency_key = any(?) and created_at < ?""");
            statement.setString(1, scope);
            statement.setArray(2, connection.createArrayOf("varchar", sorted));
            statement.setTimestamp(3, cutoff(now));
            return statement;
        });
        Set<String> claimed = new HashSet<>();
        batch.query(connection -> {
            var statement = connection.prepareStatement("""
                    insert into idempotency_key (scope, idempotency_key, fingerprint, created_at)
                    select ?, k, decode(f, 'hex'), ? from unnest(?, ?) with ordinality as t(k, f, n) order by n
                    on conflict (scope, idempotency_key) do nothing
                    returning idempotency_key""");
            statement.setString(1, scope);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, connection.createArrayOf("varchar", sorted));
            statement.setArray(4, connection.createArrayOf("varchar",
                    fingerprints.values().stream().map(HexFormat.of()::formatHex).toArray(String[]::new)));
            return statement;
        }, (ResultSet rs) -> {
            claimed.add(rs.getString(1));
        });
        Map<String, byte[]> stored = new HashMap<>(fingerprints);
        if (claimed.size() < sorted.length) {
            batch.query(connection -> {
                var statement = connection.prepareStatement("""
                        select idempotency_key, fingerprint from idempotency_key
                        where scope = ? and idempotency_key = any(?)""");
                statement.setString(1, scope);
                statement.setArray(2, connection.createArrayOf("varchar", sorted));
                return statement;
            }, (ResultSet rs) -> {
                if (!claimed.contains(rs.getString(1))) {
                    stored.put(rs.getString(1), rs.getBytes(2));
                }
            });
        }
        List<Claim> claims = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!Arrays.equals(stored.get(key), asked.get(i))) {
                claims.add(Claim.CONFLICT);
            } else {
                // The first request of a key just claimed does the work; any later one repeats it.
                claims.add(claimed.remove(key) ? Claim.NEW : Claim.REPEATED);
            }
        }
        return claims;
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
