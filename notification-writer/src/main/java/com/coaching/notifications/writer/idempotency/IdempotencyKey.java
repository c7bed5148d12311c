package com.coaching.notifications.writer.idempotency;

/**
 * A caller's idempotency key and whose keys it belongs to.
 *
 * @param scope the calling service (token subject), or the request topic
 */
public record IdempotencyKey(String scope, String key) {
}
