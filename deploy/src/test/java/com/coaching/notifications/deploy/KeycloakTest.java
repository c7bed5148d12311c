package com.coaching.notifications.deploy;

import static com.coaching.notifications.deploy.ComposeFile.environment;
import static com.coaching.notifications.deploy.ComposeFile.service;
import static com.coaching.notifications.deploy.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak runs in production mode behind nginx, and the realm it imports is one that may face the
 * internet: brute-force protection, TLS required for outside callers, and the browser's public client
 * limited to the authorization code flow with PKCE (S256), without the password grant.
 */
class KeycloakTest {

    private static final Path ROOT = ComposeConfig.ROOT;

    @Test
    void theRealmLocksOutPasswordGuessingAndRequiresTlsFromOutside() {
        JsonNode realm = realm();

        assertThat(realm.path("bruteForceProtected").asBoolean()).as("bruteForceProtected").isTrue();
        assertThat(realm.path("sslRequired").asString()).as("sslRequired").isEqualTo("external");
    }

    @Test
    void theBrowsersClientUsesTheCodeFlowWithPkceOnly() {
        JsonNode web = client("notifications-web");

        assertThat(web.path("publicClient").asBoolean()).as("public client").isTrue();
        assertThat(web.path("standardFlowEnabled").asBoolean()).as("authorization code flow").isTrue();
        assertThat(web.path("directAccessGrantsEnabled").asBoolean(true)).as("password grant").isFalse();
        assertThat(web.path("implicitFlowEnabled").asBoolean(false)).as("implicit flow").isFalse();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asString()).as("PKCE required")
                .isEqualTo("S256");
        List<String> redirects = web.path("redirectUris").valueStream().map(JsonNode::asString).toList();
        assertThat(redirects).as("the page's own address, no wildcard").isNotEmpty().noneMatch(u -> u.contains("*"));
    }

    /**
     * A realm file that lists client scopes gets only those: Keycloak's built-in ones (basic, profile, ...) are
     * not created, and a client's reference to a missing one is dropped with a warning. The services refuse a
     * token without a subject, so the browser's tokens must get {@code sub} from a scope of the realm itself.
     */
    @Test
    void everyClientScopeAClientNamesIsInTheRealmAndTheBrowsersTokensCarryTheSubject() {
        JsonNode realm = realm();
        Map<String, JsonNode> scopes = new LinkedHashMap<>();
        realm.get("clientScopes").forEach(scope -> scopes.put(scope.get("name").asString(), scope));

        realm.get("clients").forEach(client -> client.path("defaultClientScopes").forEach(name ->
                assertThat(scopes).as(client.get("clientId").asString() + " names client scope " + name.asString())
                        .containsKey(name.asString())));
        List<String> mappers = client("notifications-web").path("defaultClientScopes").valueStream()
                .map(name -> scopes.get(name.asString())).filter(Objects::nonNull)
                .flatMap(scope -> scope.path("protocolMappers").valueStream())
                .filter(m -> m.path("config").path("access.token.claim").asBoolean())
                .map(m -> m.path("protocolMapper").asString()).toList();
        assertThat(mappers).as("access-token mappers of the browser's client").contains("oidc-sub-mapper");
    }

    @Test
    void keycloakStartsInProductionModeBehindTheProxy() {
        Map<String, Object> keycloak = service("keycloak");
        List<String> command = ((List<?>) keycloak.get("command")).stream().map(String::valueOf).toList();
        Map<String, String> env = environment(keycloak);

        assertThat(command).as("production mode").first().isEqualTo("start");
        assertThat(command).as("no development mode anywhere").doesNotContain("start-dev");
        assertThat(env).as("TLS ends at the proxy in front").containsEntry("KC_HTTP_ENABLED", "true")
                .containsEntry("KC_PROXY_HEADERS", "xforwarded")
                .containsEntry("KC_PROXY_TRUSTED_ADDRESSES", nginxAddress());
        assertThat(env.get("KC_HOSTNAME")).as("a fixed public URL, under the page's origin")
                .isEqualTo("http://localhost:8080" + env.get("KC_HTTP_RELATIVE_PATH"));
        assertThat(env).as("backchannel URLs (the token endpoint among them) would follow nginx's Host, which lacks the"
                + " published port: every URL in the discovery document must be KC_HOSTNAME's")
                .doesNotContainKey("KC_HOSTNAME_BACKCHANNEL_DYNAMIC");
        assertThat(env).as("a database of its own, not the development file store").containsEntry("KC_DB", "postgres")
                .containsEntry("KC_DB_URL", "jdbc:postgresql://keycloak-db:5432/keycloak");
        assertThat(environment(service("keycloak-db"))).containsEntry("POSTGRES_DB", "keycloak")
                .containsEntry("POSTGRES_PASSWORD", env.get("KC_DB_PASSWORD"));
    }

    @Test
    void nginxServesKeycloakUnderItsRelativePath() throws IOException {
        String nginx = Files.readString(ROOT.resolve("deploy/nginx/default.conf"));
        String path = environment(service("keycloak")).get("KC_HTTP_RELATIVE_PATH");

        assertThat(path).as("KC_HTTP_RELATIVE_PATH").matches("/[a-z]+");
        assertThat(nginx).contains("location " + path + "/ {").contains("server keycloak:8080;");
    }

    private static JsonNode realm() {
        try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/keycloak/notifications-realm.json"))) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read the realm", e);
        }
    }

    private static JsonNode client(String clientId) {
        return realm().get("clients").valueStream().filter(c -> clientId.equals(c.path("clientId").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no client " + clientId));
    }

    private static String nginxAddress() {
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) service("web").get("networks")).get("default")).get("ipv4_address"));
    }
}
