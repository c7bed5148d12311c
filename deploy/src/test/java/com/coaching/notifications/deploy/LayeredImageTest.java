package com.coaching.notifications.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The services' image holds the runnable jar as Spring Boot's layers, one image layer each, the least changing
 * first; the build context leaves out what must not or need not go in. No Docker engine runs here, so the
 * Dockerfile's own extraction command is run on the jars the reactor built, and what it extracts, put together
 * as the image's COPY lines do, must be a complete class path.
 */
class LayeredImageTest {

    private static final Path ROOT = ComposeConfig.ROOT;
    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
            "application");

    @Test
    void theImageCopiesEveryLayerInItsOwnStepTheApplicationLast() throws IOException {
        List<String> copies = Files.readAllLines(ROOT.resolve("deploy/service.Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY --from=build")).toList();

        assertThat(copies).containsExactlyElementsOf(LAYERS.stream()
                .map(layer -> "COPY --from=build /layers/" + layer + "/ ./").toList());
        assertThat(Files.readString(ROOT.resolve("deploy/service.Dockerfile")))
                .contains("java -Djarmode=tools -jar /app.jar extract --layers --destination /layers")
                .contains("\"-jar\", \"/app/app.jar\"");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputDependenciesLocalDataGitAndSecrets() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore")))
                .contains("**/target", "**/node_modules", ".local-stack", ".git", ".env");
    }

    @ParameterizedTest
    @ValueSource(strings = {"notification-writer", "stream-gateway"})
    void theExtractedLayersMakeACompleteClassPath(String module, @TempDir Path work) throws Exception {
        Path jar;
        try (Stream<Path> built = Files.list(ROOT.resolve(module).resolve("target"))) {
            jar = built.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError(module + "'s runnable jar is built by the reactor before this module"));
        }
        Path app = Files.copy(jar, work.resolve("app.jar"), StandardCopyOption.REPLACE_EXISTING);
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", app.toString(), "extract", "--layers", "--destination",
                work.resolve("layers").toString()).redirectErrorStream(true).start();
        String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(extract.waitFor()).as(output).isZero();

        Path image = Files.createDirectory(work.resolve("image"));
        for (String layer : LAYERS) {
            Path from = work.resolve("layers").resolve(layer);
            assertThat(from).as(layer).isDirectory();
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path to = image.resolve(from.relativize(file).toString());
                    assertThat(to).as("no two layers hold " + to).doesNotExist();
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
        try (Stream<Path> third = Files.list(work.resolve("layers/dependencies/lib"))) {
            assertThat(third.count()).as("third-party jars in the dependencies layer").isPositive();
        }
        try (JarFile application = new JarFile(image.resolve("app.jar").toFile())) {
            String classPath = application.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath).isNotBlank();
            for (String entry : classPath.split(" ")) {
                assertThat(image.resolve(entry)).as("class path entry " + entry).isRegularFile();
            }
        }
    }
}
