package com.coaching.notifications.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The story's {@code enable_sse_notifications} switch, prefix {@code notifications.sse}.
 *
 * @param enabled whether the stream and its session endpoint serve requests. Default true; when false
 *                both answer 503 and browsers stay on polling.
 */
@ConfigurationProperties("notifications.sse")
public record SseFeatureProperties(@DefaultValue("true") boolean enabled) {
}
