package com.coaching.notifications.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code deploy/kafka/acls.txt} read the way {@code deploy/kafka/apply-acls.sh} reads it: one grant per
 * line ({@code principal operation resource-type pattern-type resource-name}), {@code #} comments and
 * blank lines skipped. Names are Kafka's enum constants, exactly (as {@code kafka-acls.sh} takes them); a line
 * that does not parse fails the test instead of being left out.
 */
record AclFile(List<AclBinding> grants) {

    static AclFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<AclBinding> grants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 5) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 5 fields, got " + f.length);
            }
            grants.add(new AclBinding(
                    new ResourcePattern(grantable(ResourceType.valueOf(f[2]), line), f[4], grantable(PatternType.valueOf(f[3]), line)),
                    new AccessControlEntry("User:" + f[0], "*", grantable(AclOperation.valueOf(f[1]), line), AclPermissionType.ALLOW)));
        }
        return new AclFile(List.copyOf(grants));
    }

    /** The principals the file names, without the {@code User:} prefix. */
    Set<String> principals() {
        Set<String> names = new LinkedHashSet<>();
        grants.forEach(g -> names.add(g.entry().principal().substring("User:".length())));
        return names;
    }

    private static <E extends Enum<E>> E grantable(E value, String line) {
        if (value.name().equals("UNKNOWN") || value.name().equals("ANY") || value.name().equals("MATCH")) {
            throw new IllegalArgumentException("not a grant: " + line);
        }
        return value;
    }
}
