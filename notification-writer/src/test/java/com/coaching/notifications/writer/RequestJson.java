package com.coaching.notifications.writer;

import com.coaching.notifications.testsupport.ContractSchemas;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A valid request for one user as JSON text: the body of {@code POST /api/notifications}, or, with a
 * fresh {@code request_id}, a record value of the request topic; any field's JSON can be replaced.
 */
final class RequestJson {

    private RequestJson() {
    }

    /**
     * @param replaced JSON text by field name; a null text leaves the field out. {@code USER} in any text
     *                 stands for the user.
     */
    static String of(String user, boolean withRequestId, Map<String, String> replaced) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (withRequestId) {
            fields.put("request_id", "\"" + UUID.randomUUID() + "\"");
        }
        fields.put("user_id", "\"USER\"");
        fields.put("type", "\"info\"");
        fields.put("title", "\"Session booked\"");
        fields.put("message", "\"Tuesday 10:00\"");
        fields.put("metadata", "{\"booking\": 4711}");
        fields.put("related_session_id", "null");
        if (withRequestId && replaced.isEmpty()) {
            // The valid request of the topic is valid by the schema other services are given.
            ContractSchemas.assertValid(ContractSchemas.REQUEST, utf8(join(fields).replace("USER", user)));
        }
        replaced.forEach((field, json) -> {
            if (json == null) {
                fields.remove(field);
            } else {
                fields.put(field, json);
            }
        });
        return join(fields).replace("USER", user);
    }

    private static String join(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
