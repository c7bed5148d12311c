package com.coaching.notifications.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A token issuer for local runs only: RS256 access tokens for demo users and for a calling service,
 * and the JWK set the services verify them with. Its key is kept in the data folder, so tokens stay
 * valid across restarts. Production uses a real OIDC provider instead (see docker-compose).
 */
@RestController
class TokenIssuer {

    static final String AUDIENCE = "notifications";
    private static final Duration LIFETIME = Duration.ofHours(1);
    // Within the services' default notifications.user-ids.pattern, whose ids start with a letter or digit.
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final RSAKey key;
    private final String issuer;

    TokenIssuer(LocalStackProperties settings, DataFolder data) {
        this.key = loadOrCreateKey(data.path().resolve("issuer/key.json"));
        this.issuer = issuer(settings);
    }

    static String issuer(LocalStackProperties settings) {
        return settings.origin() + "/dev";
    }

    static String jwkSetUri(LocalStackProperties settings) {
        return settings.origin() + "/dev/jwks.json";
    }

    @GetMapping(value = "/dev/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    /**
     * {@code POST /dev/token?user=alice} gives a user's token; {@code POST /dev/token?scope=notifications:write}
     * a service token (several scopes space-separated: {@code ?scope=notifications:write%20notifications:broadcast}
     * may broadcast). The answer is the bare token, so a shell can use it as {@code $(curl ...)}. Only for a
     * request that names this machine ({@link LoopbackRequest}).
     */
    @PostMapping("/dev/token")
    ResponseEntity<?> token(@RequestHeader HttpHeaders headers, @RequestParam(required = false) String user,
            @RequestParam(required = false) String scope) {
        Optional<String> foreign = LoopbackRequest.refusal(headers);
        if (foreign.isPresent()) {
            return problem(HttpStatus.FORBIDDEN, "Not a request from this machine", foreign.get());
        }
        if ((user == null) == (scope == null)) {
            return badRequest("give exactly one of ?user=<id> (a user's token) or ?scope=<scopes> (a service token)");
        }
        if (user != null && !USER_ID.matcher(user).matches()) {
            return badRequest("user must be 1 to 64 letters, digits or ._@-, starting with a letter or digit");
        }
        String subject = user != null ? user : "local-service";
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(sign(subject, scope));
    }

    String sign(String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        if (scope != null) {
            claims.claim("scope", scope);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static ResponseEntity<ProblemDetail> badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Bad token request", detail);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey created = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, created.toJSONString());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the issuer key in " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the issuer key in " + file + " is unusable; start with --wipe", e);
        }
    }
}
