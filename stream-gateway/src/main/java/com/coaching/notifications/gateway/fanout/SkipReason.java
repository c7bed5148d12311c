package com.coaching.notifications.gateway.fanout;

/** Why a record of the event topic was not streamed to a connected user: the tag of {@code sse.events.skipped}. */
enum SkipReason {

    /** {@code ce_type} is none of the contract's event types. */
    UNKNOWN_TYPE("unknown_type"),
    /** {@code ce_seq} is missing or not a seq of 1 to 2^53 - 1 in plain digits. */
    INVALID_SEQ("invalid_seq"),
    /** The value is not one well-formed JSON object. */
    INVALID_JSON("invalid_json"),
    /** The data's {@code user_id} is missing or is not the record key's user. */
    USER_MISMATCH("user_mismatch"),
    /** The data's {@code seq} is not {@code ce_seq}. */
    SEQ_MISMATCH("seq_mismatch");

    private final String tag;

    SkipReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
