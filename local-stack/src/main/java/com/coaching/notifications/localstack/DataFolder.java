package com.coaching.notifications.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The one folder where a local run keeps everything (database, broker log, issuer key, service
 * logs). Created on start; with {@code --wipe}, emptied first, before anything reads it.
 */
@Component
class DataFolder {

    private final Path path;

    DataFolder(LocalStackProperties settings) {
        this.path = settings.absoluteDataDir();
        if (settings.wipe()) {
            delete(path);
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + path, e);
        }
    }

    Path path() {
        return path;
    }

    private static void delete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + folder, e);
        }
    }
}
