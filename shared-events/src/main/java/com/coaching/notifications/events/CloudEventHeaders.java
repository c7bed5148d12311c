package com.coaching.notifications.events;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary content mode:
 * the record value is the event data, the attributes travel as {@code ce_*} headers.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    /** The user the event belongs to; equal to the record key. */
    public static final String SUBJECT = "ce_subject";
    /**
     * Extension attribute: the user's stream sequence number. Carried as a header too, so a gateway
     * can route and number an event without parsing its JSON.
     */
    public static final String SEQ = "ce_seq";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
