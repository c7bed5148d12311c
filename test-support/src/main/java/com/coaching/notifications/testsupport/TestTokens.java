package com.coaching.notifications.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real RS256 access tokens for tests, signed with a key pair generated once per JVM. The services
 * under test verify them with the public key written by {@link #publicKeyLocation()}, exactly as
 * they would verify tokens of a real issuer.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.notifications.test";
    public static final String AUDIENCE = "notifications";

    private static final RSAKey KEY = generate();
    private static final RSAKey OTHER_KEY = generate();
    private static volatile Path publicKeyFile;

    private TestTokens() {
    }

    /** A valid token of an end user: subject = user id, no scopes. */
    public static String user(String userId) {
        return token().subject(userId).sign();
    }

    /** A valid token of a calling service, with the given scopes (for example {@code notifications:write}). */
    public static String service(String... scopes) {
        return token().subject("service-" + UUID.randomUUID()).scopes(scopes).sign();
    }

    /** A builder preset to a valid token; change one thing to make it invalid in exactly that way. */
    public static Builder token() {
        return new Builder();
    }

    /**
     * {@code file:} URL of the PEM public key, for
     * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}.
     */
    public static String publicKeyLocation() {
        Path file = publicKeyFile;
        if (file == null) {
            synchronized (TestTokens.class) {
                if (publicKeyFile == null) {
                    publicKeyFile = writePublicKey();
                }
                file = publicKeyFile;
            }
        }
        return file.toUri().toString();
    }

    /** A token with {@code alg: none}: header and claims, no signature. */
    public static String unsigned(String userId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        JWTClaimsSet claims = new Builder().subject(userId).claims();
        return header + "." + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    public static final class Builder {
        private String subject = "user-" + UUID.randomUUID();
        private String issuer = ISSUER;
        private List<String> audience = List.of(AUDIENCE);
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
        private String scope;
        private RSAKey key = KEY;

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Expired this long ago: within the services' clock skew it is still accepted, beyond it refused. */
        public Builder expiredAgo(Duration ago) {
            return expiresAt(Instant.now().minus(ago));
        }

        /** No {@code exp} claim at all: a token valid for ever, which the services refuse. */
        public Builder withoutExpiry() {
            this.expiresAt = null;
            return this;
        }

        public Builder scopes(String... scopes) {
            this.scope = scopes.length == 0 ? null : String.join(" ", scopes);
            return this;
        }

        /** Signs with a key the services do not trust. */
        public Builder signedWithUnknownKey() {
            this.key = OTHER_KEY;
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWTClaimsSet claims() {
            // An expired token was issued before it expired, so it fails on expiry and nothing else.
            Instant issuedAt = Instant.now().minusSeconds(5);
            if (expiresAt != null && !issuedAt.isBefore(expiresAt)) {
                issuedAt = expiresAt.minus(Duration.ofMinutes(10));
            }
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer(issuer)
                    .audience(audience)
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(expiresAt == null ? null : Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString());
            if (scope != null) {
                claims.claim("scope", scope);
            }
            return claims.build();
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(KEY.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Path file = Files.createTempFile("notifications-test-issuer", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
