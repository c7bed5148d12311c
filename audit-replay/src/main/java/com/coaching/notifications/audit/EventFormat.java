package com.coaching.notifications.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How replayed events are written: one JSON object per line, or CSV with a header row. */
enum EventFormat {

    JSONL {
        @Override
        void header(Appendable out) {
        }

        @Override
        void write(AuditedEvent e, Appendable out) throws IOException {
            out.append("{\"partition\":").append(Integer.toString(e.partition()))
                    .append(",\"offset\":").append(Long.toString(e.offset()))
                    .append(",\"timestamp\":\"").append(e.timestamp().toString()).append('"')
                    .append(",\"id\":").append(jsonString(e.id()))
                    .append(",\"type\":").append(jsonString(e.type()))
                    .append(",\"user_id\":").append(jsonString(e.userId()))
                    .append(",\"seq\":").append(e.seq() == null ? "null" : e.seq().toString())
                    .append(",\"time\":").append(jsonString(e.time()))
                    // The data is already JSON (the contract's one mapping); it goes out unchanged.
                    .append(",\"data\":").append(e.data() == null ? "null" : new String(e.data(), StandardCharsets.UTF_8))
                    .append("}\n");
        }
    },

    CSV {
        @Override
        void header(Appendable out) throws IOException {
            out.append("partition,offset,timestamp,id,type,user_id,seq,time,data\n");
        }

        @Override
        void write(AuditedEvent e, Appendable out) throws IOException {
            out.append(Integer.toString(e.partition())).append(',')
                    .append(Long.toString(e.offset())).append(',')
                    .append(e.timestamp().toString()).append(',')
                    .append(csv(e.id())).append(',')
                    .append(csv(e.type())).append(',')
                    .append(csv(e.userId())).append(',')
                    .append(e.seq() == null ? "" : e.seq().toString()).append(',')
                    .append(csv(e.time())).append(',')
                    .append(csv(e.data() == null ? null : new String(e.data(), StandardCharsets.UTF_8)))
                    .append('\n');
        }
    };

    abstract void header(Appendable out) throws IOException;

    abstract void write(AuditedEvent event, Appendable out) throws IOException;

    static EventFormat parse(String value) {
        return switch (value) {
            case "jsonl" -> JSONL;
            case "csv" -> CSV;
            default -> throw AuditFailure.usage("unknown --format '" + value + "'; expected jsonl or csv");
        };
    }

    private static String jsonString(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** RFC 4180: quote a field that holds a comma, quote, or line break; double its quotes. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
