package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The accepted clock skew is a setting: a smaller one refuses a token the default of 30s accepts. */
class ClockSkewTest {

    @Test
    void aSmallerClockSkewRefusesATokenExpiredTenSecondsAgo() {
        String token = TestTokens.token().scopes("notifications:write").expiredAgo(Duration.ofSeconds(10)).sign();
        String user = "user-" + UUID.randomUUID();
        try (WriterInstance writer = WriterInstance.start(TestPostgres.newDatabase(), TestKafka.bootstrapServers(),
                "notifications.access-tokens.clock-skew=2s")) {

            HttpResponse response = writer.client().post("/api/notifications", token, WriterClient.notificationFor(user, "t"));

            AuthenticationTest.assertUnauthorized(response);
            assertThat(writer.jdbc().sql("select count(*) from notification where user_id = ?").param(user)
                    .query(Long.class).single()).isZero();
        }
    }
}
