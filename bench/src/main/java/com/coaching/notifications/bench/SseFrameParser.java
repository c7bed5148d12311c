package com.coaching.notifications.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a {@code text/event-stream} body into events as the HTML standard's EventSource does: lines
 * end with CR, LF or CRLF (also when a chunk boundary falls between CR and LF), {@code data:} lines are
 * joined with LF, one leading space after the colon is dropped, comment lines are ignored, and an event
 * is dispatched at a blank line. Bytes are collected per line before decoding, so a multi-byte UTF-8
 * character split across TCP chunks arrives intact. Searching the raw text for substrings would do none
 * of this and would count a frame that arrived in two reads twice or not at all.
 */
final class SseFrameParser {

    /** One dispatched event. {@code event} is "message" when the server named none. */
    record Frame(String event, String id, String data) {
    }

    private final Consumer<Frame> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    private String event;
    private String id;
    private StringBuilder data;

    SseFrameParser(Consumer<Frame> sink) {
        this.sink = sink;
    }

    /** Feeds the next bytes of the body, in order. */
    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                processLine(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // "retry" and unknown fields carry nothing this tool measures.
            }
        }
    }

    private void dispatch() {
        // Per the standard, an event without data is not dispatched (only its id is kept).
        if (data != null) {
            sink.accept(new Frame(event == null || event.isEmpty() ? "message" : event, id, data.toString()));
        }
        event = null;
        data = null;
    }
}
