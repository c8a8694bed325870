package io.sparkdp.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Sequence-to-sequence tasks on digit sequences. Targets as long as their sources, in csvseq's
 * one-directory form ({@link #write}): each file a sequence of 3 to 7 random digits, one row per
 * digit: the digit one-hot in 10 columns, then the target of that step: the digits sorted
 * ({@code 3,1,4} becomes {@code 1,3,4}) or reversed ({@code 4,1,3}). Targets of their own length,
 * in the {@code features/} and {@code labels/} form ({@link #writeDistinct}): sources of 3 to 8
 * digits, each target the distinct digits sorted ({@code 3,1,3,4,1} becomes {@code 1,3,4}), one
 * per line of its labels file.
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

    /** The longest source of {@link #writeDistinct}. */
    public static final int LONGEST_SOURCE = 8;

    /**
     * Writes {@code count} sources of 3 to {@link #LONGEST_SOURCE} digits drawn with {@code seed}
     * into {@code dir/features}, each one-hot per row, and their targets, the distinct digits sorted,
     * into {@code dir/labels}, a digit per line; returns the target tokens written.
     */
    public static int writeDistinct(Path dir, int count, long seed) {
        Random random = new Random(seed);
        int tokens = 0;
        try {
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("labels"));
            for (int i = 0; i < count; i++) {
                int[] digits = random.ints(3 + random.nextInt(LONGEST_SOURCE - 2), 0, DIGITS).toArray();
                int[] target = Arrays.stream(digits).distinct().sorted().toArray();
                String name = String.format("seq-%05d.csv", i);
                Files.writeString(dir.resolve("features").resolve(name), oneHot(digits));
                StringBuilder lines = new StringBuilder();
                Arrays.stream(target).forEach(d -> lines.append(d).append('\n'));
                Files.writeString(dir.resolve("labels").resolve(name), lines);
                tokens += target.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** The digits as CSV rows, one digit one-hot per row. */
    static String oneHot(int[] digits) {
        StringBuilder rows = new StringBuilder();
        for (int digit : digits) {
            for (int d = 0; d < DIGITS; d++) {
                rows.append(d == digit ? "1" : "0").append(d < DIGITS - 1 ? "," : "\n");
            }
        }
        return rows.toString();
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
