package com.coaching.notifications.bench;

import com.coaching.notifications.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The users of one run, one connection each: fresh ids (so every stream starts at seq 1 and no earlier
 * run can interfere) and an RS256 token for each, valid until past the run's hard deadline. The tokens
 * are signed once here and handed to the worker processes in a file (the signing key never leaves this
 * JVM).
 */
final class BenchUsers {

    private final List<String> ids;
    private final Path targetsFile;

    private BenchUsers(List<String> ids, Path targetsFile) {
        this.ids = ids;
        this.targetsFile = targetsFile;
    }

    static BenchUsers create(int count, Instant tokensExpireAt, Path workDir) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "bench-" + run + "-" + i).toList();
        // RSA signing is the slow part (about a millisecond each): use every core.
        List<String> lines = ids.parallelStream()
                .map(id -> id + "\t" + TestTokens.token().subject(id).expiresAt(tokensExpireAt).sign())
                .collect(Collectors.toList());
        Path file = workDir.resolve("targets.tsv");
        try {
            Files.createDirectories(workDir);
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new BenchUsers(ids, file);
    }

    List<String> ids() {
        return ids;
    }

    String id(int i) {
        return ids.get(i);
    }

    int count() {
        return ids.size();
    }

    /** One line per user: id, a tab, the token. */
    Path targetsFile() {
        return targetsFile;
    }
}
