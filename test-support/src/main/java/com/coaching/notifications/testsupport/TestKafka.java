package com.coaching.notifications.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real Apache Kafka broker (KRaft, in this JVM), started once per JVM and shared by the tests
 * in it. Tests stay independent by using fresh user ids, not fresh brokers.
 */
public final class TestKafka {

    public static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    /** Bootstrap servers of the shared broker, starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker b = new EmbeddedKafkaKraftBroker(1, PARTITIONS,
                    com.coaching.notifications.events.Topics.EVENTS);
            b.brokerProperties(Map.of(
                    // Consumers of a new group get their partitions at once, not after 3 s.
                    "group.initial.rebalance.delay.ms", "0",
                    // A one-broker cluster: transactions hang without these.
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1"));
            b.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(b::destroy));
            broker = b;
        }
        return broker.getBrokersAsString();
    }
}
