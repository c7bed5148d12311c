package com.coaching.notifications.audit;

import java.io.BufferedWriter;
import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code audit-replay replay|reconcile ...}: reads the event topic back for audits. Exit codes: 0 done
 * (reconcile: topic and database agree), 1 reconcile found disagreements, 2 bad input, 3 Kafka or the
 * database could not be reached or lacks what was asked for. Errors are one line on stderr.
 */
public final class AuditCli {

    private AuditCli() {
    }

    public static void main(String[] args) {
        Console console = System.console();
        DatabasePassword.Prompt prompt = console == null ? null : question -> console.readPassword("%s", question);
        System.exit(run(args, System.getenv(), prompt, System.out, System.err, console != null));
    }

    /**
     * One run, with the process's environment ({@code AUDIT_DB_PASSWORD}, {@code PGPASSWORD}) and, when there is
     * a console, someone to ask for the password ({@code prompt}, else null) passed in.
     */
    static int run(String[] args, Map<String, String> environment, DatabasePassword.Prompt prompt,
            PrintStream out, PrintStream err, boolean terminal) {
        try {
            CommandLine command = CommandLine.parse(args);
            Progress progress = new Progress(err, command.progress() || terminal, command.command());
            if (command.command().equals("replay")) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                Replay.run(command, writer, progress);
                return 0;
            }
            String password = DatabasePassword.of(environment, prompt, command.dbUrl(), command.dbUser());
            Reconcile.Report report = Reconcile.run(command, password, progress);
            report.print(out, command);
            return report.agrees() ? 0 : 1;
        } catch (AuditFailure e) {
            err.println("audit-replay: " + e.getMessage());
            return e.exitCode();
        } catch (UncheckedIOException e) {
            err.println("audit-replay: cannot write the output: " + e.getCause().getMessage());
            return AuditFailure.UNAVAILABLE;
        } catch (RuntimeException e) {
            // Never a stack trace for the user: the one line says what failed.
            err.println("audit-replay: unexpected failure: " + e);
            return AuditFailure.UNAVAILABLE;
        }
    }
}
