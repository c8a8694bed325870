package io.sparkdp.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Sequence-to-sequence tasks on digit sequences, in csvseq's one-directory form: each file a
 * sequence of 3 to 7 random digits, one row per digit: the digit one-hot in 10 columns, then the
 * target of that step: the digits sorted ({@code 3,1,4} becomes {@code 1,3,4}) or reversed
 * ({@code 4,1,3}).
 */
public final class DigitSequences {
    /** Digits in the vocabulary. */
    public static final int DIGITS = 10;
    /** The longest sequence. */
    public static final int LONGEST = 7;

    /** What the target of a sequence is. */
    public enum Task {
        SORT, REVERSE
    }

    private DigitSequences() {
    }

    /** Writes {@code count} sequences drawn with {@code seed} into {@code dir}; returns the time steps written. */
    public static int write(Path dir, Task task, int count, long seed) {
        Random random = new Random(seed);
        int steps = 0;
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < count; i++) {
                int[] digits = random.ints(3 + random.nextInt(LONGEST - 2), 0, DIGITS).toArray();
                int[] target = task == Task.SORT ? Arrays.stream(digits).sorted().toArray()
                        : java.util.stream.IntStream.range(0, digits.length).map(t -> digits[digits.length - 1 - t]).toArray();
                StringBuilder rows = new StringBuilder();
                for (int t = 0; t < digits.length; t++) {
                    for (int d = 0; d < DIGITS; d++) {
                        rows.append(d == digits[t] ? "1," : "0,");
                    }
                    rows.append(target[t]).append('\n');
                }
                Files.writeString(dir.resolve(String.format("seq-%05d.csv", i)), rows);
                steps += digits.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return steps;
    }
}
