package io.sparkdp.driver.listen;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Shows how far the current epoch has got: a progress bar on a terminal, plain lines otherwise.
 * Fed every round on the training thread; {@link #close} ends whatever is on screen.
 */
public interface RoundProgress extends AutoCloseable {
    void onRound(RoundReport report);

    @Override
    void close();

    /**
     * A progress bar on {@code terminal} when the JVM has an interactive console, else one line
     * to {@code log} at most every {@code plainEverySeconds} (log files, {@code spark-submit} in
     * cluster mode, CI).
     */
    static RoundProgress forConsole(PrintStream terminal, Consumer<String> log, double plainEverySeconds) {
        return choose(System.console() != null, terminal, log, plainEverySeconds);
    }

    /** The choice {@link #forConsole} makes, given whether a person is watching a terminal. */
    static RoundProgress choose(boolean interactive, PrintStream terminal, Consumer<String> log, double plainEverySeconds) {
        return interactive ? new ProgressBarDisplay(terminal)
                : new PlainProgress(log, plainEverySeconds, System::nanoTime);
    }
}
