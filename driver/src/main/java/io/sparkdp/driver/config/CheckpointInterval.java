package io.sparkdp.driver.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often a run writes a checkpoint: every {@code count} epochs or every {@code count} rounds.
 * Written and read as text: {@code 1epoch}, {@code 2epochs}, {@code 50rounds} (also {@code 2e},
 * {@code 50r}, and a bare number, which counts epochs).
 *
 * @param count epochs or rounds between checkpoints, at least 1
 * @param unit  what {@code count} counts
 */
public record CheckpointInterval(int count, Unit unit) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*(e|epochs?|r|rounds?)?");

    /** What an interval counts. */
    public enum Unit { EPOCHS, ROUNDS }

    public CheckpointInterval {
        TrainConfig.require(count >= 1, "--checkpoint-every must count at least 1 epoch or round, got " + count);
        TrainConfig.require(unit != null, "--checkpoint-every needs a unit");
    }

    public static CheckpointInterval epochs(int count) {
        return new CheckpointInterval(count, Unit.EPOCHS);
    }

    public static CheckpointInterval rounds(int count) {
        return new CheckpointInterval(count, Unit.ROUNDS);
    }

    @JsonCreator
    public static CheckpointInterval parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        TrainConfig.require(m.matches(), "--checkpoint-every must look like 1epoch, 2epochs or 100rounds, got '" + text + "'");
        Unit unit = m.group(2) == null || m.group(2).startsWith("e") ? Unit.EPOCHS : Unit.ROUNDS;
        return new CheckpointInterval(Integer.parseInt(m.group(1)), unit);
    }

    /** Whether a checkpoint is due once {@code roundsDone} rounds of the run are complete (counted over all epochs). */
    public boolean dueAfterRound(long roundsDone) {
        return unit == Unit.ROUNDS && roundsDone % count == 0;
    }

    /** Whether a checkpoint is due once {@code epochsDone} epochs are complete. */
    public boolean dueAfterEpoch(int epochsDone) {
        return unit == Unit.EPOCHS && epochsDone % count == 0;
    }

    @JsonValue
    @Override
    public String toString() {
        String noun = unit == Unit.EPOCHS ? "epoch" : "round";
        return count + noun + (count == 1 ? "" : "s");
    }
}
