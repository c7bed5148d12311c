package com.coaching.notifications.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for {@link NotificationCreated} values, for clients that produce typed records. */
public class NotificationCreatedSerializer implements Serializer<NotificationCreated> {

    @Override
    public byte[] serialize(String topic, NotificationCreated data) {
        return data == null ? null : EventJson.toBytes(data);
    }
}
