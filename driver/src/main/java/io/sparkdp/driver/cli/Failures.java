package io.sparkdp.driver.cli;

import io.sparkdp.data.BadDataException;
import io.sparkdp.driver.TrainingDivergedException;
import io.sparkdp.driver.model.ModelStore;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure into the one line a user sees. Errors of the user's input (bad data, storage,
 * configuration, divergence) are reported by their message, also when Spark wraps them in a
 * task failure from an executor; anything else is an internal error.
 */
final class Failures {
    /** Exit code for a job that failed on its input or environment. */
    static final int FAILED = 1;
    /** Exit code for a malformed command line. */
    static final int USAGE = 2;

    private static final Pattern REMOTE = Pattern.compile(
            "(?:BadDataException|StorageException|TrainingDivergedException): ([^\\n]+)");

    private Failures() {
    }

    /** The user's error behind {@code failure}, if it is one. */
    static Optional<String> userMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadDataException || t instanceof ModelStore.StorageException
                    || t instanceof TrainingDivergedException || t instanceof IllegalArgumentException) {
                return Optional.of(firstLine(t.getMessage()));
            }
            Matcher remote = REMOTE.matcher(String.valueOf(t.getMessage()));
            if (remote.find()) {
                return Optional.of(remote.group(1).trim());
            }
        }
        return Optional.empty();
    }

    /** One line describing any failure. */
    static String describe(Throwable failure) {
        return userMessage(failure).orElseGet(() -> "internal error: " + failure.getClass().getName() + ": "
                + firstLine(String.valueOf(failure.getMessage()))
                + " (set SPARKDP_STACKTRACE=1 for the stack trace)");
    }

    static boolean wantStackTrace() {
        return "1".equals(System.getenv("SPARKDP_STACKTRACE"));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
