package com.coaching.notifications.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The grants of {@code deploy/kafka/acls.txt} as its apply script reads them (one per line, five fields,
 * {@code #} comments), and the environment variable that holds each principal's password there.
 */
record AclPrincipals(Path file) {

    /** The fields of every grant line, in file order. */
    List<List<String>> grants() {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> List.of(l.split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        grants().forEach(g -> names.add(g.get(0)));
        return names;
    }

    /** {@code coaching-service} → {@code KAFKA_COACHING_SERVICE_PASSWORD}. */
    static String passwordVariable(String principal) {
        return "KAFKA_" + principal.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }
}
