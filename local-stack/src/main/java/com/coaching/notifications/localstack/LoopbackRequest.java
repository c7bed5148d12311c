package com.coaching.notifications.localstack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * Whether a request names this machine, for the token issuer, which gives a valid token for any user to whoever
 * asks. Listening on 127.0.0.1 keeps other machines out, but not other sites: a page on evil.example whose name
 * is made to resolve to 127.0.0.1 (DNS rebinding) reaches the issuer from the browser, with {@code Host:
 * evil.example}; and any page may send a cross-site request, with its own {@code Origin}. So the {@code Host} must
 * be {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (any port; the name compared whole, so that
 * {@code localhost.evil.example} is not taken for it), and an {@code Origin}, when there is one, an http(s)
 * origin on such a host. Tools such as curl send no {@code Origin}.
 */
final class LoopbackRequest {

    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern AUTHORITY = Pattern.compile("(\\[[^\\]]*\\]|[^:\\[\\]]*)(:\\d{1,5})?");
    private static final Pattern ORIGIN = Pattern.compile("(?i)https?://([^/?#@]+)");
    private static final String NAMES = "localhost, 127.0.0.1 or [::1]";

    private LoopbackRequest() {
    }

    /** Why a request does not name this machine, or empty when it does. */
    static Optional<String> refusal(HttpHeaders headers) {
        List<String> hosts = headers.getOrEmpty(HttpHeaders.HOST);
        if (hosts.size() != 1) {
            return Optional.of("a token request needs exactly one Host header, naming " + NAMES + "; it had "
                    + hosts.size());
        }
        String host = hosts.get(0);
        if (!namesThisMachine(host)) {
            return Optional.of("Host '" + host + "' is not this machine (" + NAMES + "): tokens are issued only to"
                    + " requests for this machine, so that a page of another site whose name resolves here cannot get one");
        }
        String origin = headers.getOrigin();
        if (origin != null) {
            Matcher page = ORIGIN.matcher(origin);
            if (!page.matches() || !namesThisMachine(page.group(1))) {
                return Optional.of("Origin '" + origin + "' is not a page of this machine (http or https on " + NAMES
                        + "): a page of another site cannot get a token");
            }
        }
        return Optional.empty();
    }

    /** {@code host[:port]}, the host one of this machine's names, compared whole. */
    private static boolean namesThisMachine(String authority) {
        Matcher parts = AUTHORITY.matcher(authority);
        return parts.matches() && THIS_MACHINE.contains(parts.group(1).toLowerCase(Locale.ROOT));
    }
}
