package com.coaching.notifications.audit;

import java.util.Map;

/**
 * The password {@code reconcile} connects to the database with. Never an option: a command line is visible to
 * every user of the machine ({@code ps}). It comes from {@value #VARIABLE}, else from PostgreSQL's standard
 * {@value #STANDARD_VARIABLE}, else it is typed at the console, when there is one; with none of these there is
 * none, and a server that wants one refuses the connection.
 */
final class DatabasePassword {

    static final String VARIABLE = "AUDIT_DB_PASSWORD";
    static final String STANDARD_VARIABLE = "PGPASSWORD";
    /** Said with a refused connection, so that the user knows where the password was looked for. */
    static final String WHERE = "the password comes from " + VARIABLE + ", " + STANDARD_VARIABLE + " or the console";

    /** Someone at the console, asked for a password that is not echoed; null for no answer. */
    @FunctionalInterface
    interface Prompt {
        char[] ask(String question);
    }

    private DatabasePassword() {
    }

    /** The password for {@code user} at {@code url}, or null for none; {@code prompt} is null without a console. */
    static String of(Map<String, String> environment, Prompt prompt, String url, String user) {
        String password = environment.get(VARIABLE);
        if (password == null) {
            password = environment.get(STANDARD_VARIABLE);
        }
        if (password == null && prompt != null) {
            char[] typed = prompt.ask("Password for " + user + " at " + url + ": ");
            password = typed == null ? null : new String(typed);
        }
        return password;
    }
}
