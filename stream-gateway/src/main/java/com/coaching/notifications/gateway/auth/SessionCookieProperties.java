package com.coaching.notifications.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stream-session cookie, prefix {@code notifications.stream.session-cookie}.
 *
 * @param secure whether the cookie carries {@code Secure} (sent over HTTPS only). Default true; turn off
 *               only for plain-HTTP local runs on a host other than {@code localhost} (browsers accept
 *               Secure cookies from {@code http://localhost}).
 */
@Validated
@ConfigurationProperties("notifications.stream.session-cookie")
public record SessionCookieProperties(@DefaultValue("true") boolean secure) {
}
