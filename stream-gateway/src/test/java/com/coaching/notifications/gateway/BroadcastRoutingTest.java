package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.gateway.routing.StreamRedirects;
import com.coaching.notifications.testsupport.SseClient;
import org.junit.jupiter.api.Test;

/** The default: every replica reads every partition and serves any user, with no routing key and no redirect. */
class BroadcastRoutingTest extends GatewayIntegrationTest {

    @Test
    void everyUsersStreamIsServedByThisReplicaWithoutAPartitionHeader() {
        for (int i = 0; i < 6; i++) {
            try (SseClient client = connected(newUserId())) {
                SseClient.Response response = client.response(TIMEOUT);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.headers().containsHeader(StreamRedirects.PARTITION_HEADER)).isFalse();
            }
        }
    }
}
