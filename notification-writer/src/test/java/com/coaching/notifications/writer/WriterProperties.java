package com.coaching.notifications.writer;

import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a writer under test at real infrastructure: its own PostgreSQL database, the shared Kafka broker, the test issuer. */
final class WriterProperties {

    private WriterProperties() {
    }

    static void register(DynamicPropertyRegistry registry, TestPostgres database) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestTokens.AUDIENCE);
        // Each writer under test has a database of its own, so it must see every request, not share them.
        String group = "writer-test-" + UUID.randomUUID();
        registry.add("notifications.requests.group-id", () -> group);
    }
}
