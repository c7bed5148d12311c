package com.coaching.notifications.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each change, with the version of its data schema and the name a
 * browser sees it under on the SSE stream.
 */
public enum EventType {

    NOTIFICATION_CREATED("notification.created", 1, "notification"),
    /** One notification was marked read. */
    NOTIFICATION_READ("notification.read", 1, "notification.read"),
    /** Every notification of the user up to a sequence number was marked read. */
    NOTIFICATION_ALL_READ("notification.all_read", 1, "notification.all_read"),
    NOTIFICATION_DELETED("notification.deleted", 1, "notification.deleted");

    private final String ceType;
    private final int schemaVersion;
    private final String sseName;

    EventType(String ceType, int schemaVersion, String sseName) {
        this.ceType = ceType;
        this.schemaVersion = schemaVersion;
        this.sseName = sseName;
    }

    /** The value of the {@code ce_type} header. */
    public String ceType() {
        return ceType;
    }

    /** The {@code event:} field of the SSE frame that carries it. */
    public String sseName() {
        return sseName;
    }

    /** The {@code ce_dataschema} header: the JSON Schema file in this module that describes the data. */
    public String dataSchema() {
        return "schemas/" + ceType + ".v" + schemaVersion + ".json";
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
