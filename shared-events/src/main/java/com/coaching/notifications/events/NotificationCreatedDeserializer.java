package com.coaching.notifications.events;

import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer for {@link NotificationCreated} values, for audit readers and typed consumers. */
public class NotificationCreatedDeserializer implements Deserializer<NotificationCreated> {

    @Override
    public NotificationCreated deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.fromBytes(data, NotificationCreated.class);
    }
}
