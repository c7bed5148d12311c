package com.coaching.notifications.audit;

import static com.coaching.notifications.audit.AuditFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestKafka;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input and unreachable infrastructure: one line on stderr, a non-zero exit, never a stack trace. */
class CommandLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unreadable time     | replay --from yesterday --to 2025-01-02                     | cannot read --from 'yesterday' as a time",
            "from after to       | replay --from 2025-01-02 --to 2025-01-01                    | --from (2025-01-02T00:00:00Z) must be before --to",
            "missing to          | replay --from 2025-01-01                                    | --to is required",
            "unknown command     | rewind --from 2025-01-01 --to 2025-01-02                    | unknown command 'rewind'",
            "unknown option      | replay --from 2025-01-01 --to 2025-01-02 --color red        | unknown option --color",
            "unknown type        | replay --from 2025-01-01 --to 2025-01-02 --type note.made   | unknown --type 'note.made'",
            "unknown format      | replay --from 2025-01-01 --to 2025-01-02 --format xml       | unknown --format 'xml'",
            "reconcile needs db  | reconcile --from 2025-01-01 --to 2025-01-02                 | reconcile needs --db-url",
            "bad kafka property  | replay --from 2025-01-01 --to 2025-01-02 --kafka-property x  | --kafka-property takes key=value",
            "option without value| replay --from 2025-01-01 --to                               | --to needs a value",
    })
    void badInputIsOneLineAndExitCodeTwo(String name, String args, String message) {
        AuditFixture.Run run = cli(args.trim().split("\\s+"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("audit-replay: ").contains(message);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--db-password, secret-value", "--db-password=secret-value,"})
    void aPasswordOnTheCommandLineIsRefusedWithoutRepeatingIt(String option, String value) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--from", "2025-01-01", "--to", "2025-01-02",
                "--db-url", "jdbc:postgresql://127.0.0.1:5432/notifications", option));
        if (value != null) {
            args.add(value);
        }

        AuditFixture.Run run = cli(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("audit-replay: --db-password is not accepted: a password on the command"
                + " line is visible to every user of this machine (ps); set AUDIT_DB_PASSWORD (or PGPASSWORD) instead");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownTopicIsOneLineAndExitCodeThree() {
        AuditFixture.Run run = cli("replay", "--from", "2025-01-01", "--to", "2025-01-02",
                "--bootstrap-servers", TestKafka.bootstrapServers(), "--topic", "no-such-topic");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("audit-replay: topic 'no-such-topic' does not exist on "
                + TestKafka.bootstrapServers());
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitCodeThree() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        AuditFixture.Run run = cli("replay", "--from", "2025-01-01", "--to", "2025-01-02",
                "--bootstrap-servers", "127.0.0.1:" + closedPort, "--timeout", "2s");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("audit-replay: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 2 s");
    }
}
