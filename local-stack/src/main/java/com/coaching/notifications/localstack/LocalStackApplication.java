package com.coaching.notifications.localstack;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The whole system on one machine, with no Docker: PostgreSQL and a Kafka broker, the writer and two
 * gateways as child processes, a local token issuer, and one origin for the browser.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalStackApplication.class, shortFlags(args));
    }

    /** Lets a user type {@code --demo}, {@code --wipe} or {@code --database-url=...} for the {@code local-stack.*} settings. */
    static String[] shortFlags(String[] args) {
        return Arrays.stream(args).map(arg -> switch (arg) {
            case "--demo" -> "--local-stack.demo=true";
            case "--wipe" -> "--local-stack.wipe=true";
            default -> arg.startsWith("--database-url=") ? "--local-stack." + arg.substring(2) : arg;
        }).toArray(String[]::new);
    }
}
