package io.sparkdp.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A tagging task with a class per time step, in csvseq's one-directory form: each file a sequence
 * of 4 to 10 rows {@code x,noise,label}, where the label is "up" when {@code x} plus the previous
 * step's {@code x} is positive, which takes memory of one step.
 */
public final class TaggedSequences {
    private TaggedSequences() {
    }

    /** Writes {@code count} sequences drawn with {@code seed} into {@code dir}; returns the time steps written. */
    public static int write(Path dir, int count, long seed) {
        Random random = new Random(seed);
        int steps = 0;
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < count; i++) {
                int length = 4 + random.nextInt(7);
                StringBuilder rows = new StringBuilder();
                double previous = 0;
                for (int t = 0; t < length; t++) {
                    double x = random.nextDouble() * 2 - 1;
                    rows.append(String.format("%.4f,%.4f,%s%n", x, random.nextGaussian(), x + previous > 0 ? "up" : "down"));
                    previous = x;
                }
                Files.writeString(dir.resolve(String.format("seq-%04d.csv", i)), rows);
                steps += length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return steps;
    }
}
