package com.coaching.notifications.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker-compose config} run on the repository's compose file with one env file and nothing else: the
 * variables of the test's own environment and a developer's {@code .env} are kept out, so a result says what
 * that env file alone gives.
 */
record ComposeConfig(int exitCode, String output) {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final Path ENV_EXAMPLE = ROOT.resolve("deploy/.env.example");

    static ComposeConfig withEnvFile(Path envFile) {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "--env-file", envFile.toString(),
                "-f", ROOT.resolve("docker-compose.yml").toString(), "config").redirectErrorStream(true);
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL"));
        try {
            Process config = builder.start();
            String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ComposeConfig(config.waitFor(), output);
        } catch (IOException e) {
            throw new AssertionError("docker-compose is needed to validate docker-compose.yml "
                    + "(Debian: apt-get install --no-install-recommends docker-compose; .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The variables {@code deploy/.env.example} sets, in its order. */
    static Map<String, String> exampleVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(ENV_EXAMPLE)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int equals = line.indexOf('=');
                    variables.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read deploy/.env.example", e);
        }
        return variables;
    }

    /** An env file in {@code directory} with these variables. */
    static Path envFile(Path directory, Map<String, String> variables) throws IOException {
        List<String> lines = new ArrayList<>();
        variables.forEach((name, value) -> lines.add(name + "=" + value));
        return Files.write(Files.createTempFile(directory, "compose", ".env"), lines);
    }
}
