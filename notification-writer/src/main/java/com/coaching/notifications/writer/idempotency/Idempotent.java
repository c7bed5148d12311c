package com.coaching.notifications.writer.idempotency;

/**
 * The response of an idempotent operation.
 *
 * @param replayed true when the key had been used with the same request and this is that first response
 */
public record Idempotent<T>(T response, boolean replayed) {
}
