package io.sparkdp.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A noisy seasonal series, {@code sin(2 pi t / 12) + 0.002 t + N(0, 0.1^2)} over 2,400 steps, cut
 * into windows of 8 to 16 steps written as csvseq sequences. Blocks of 120 steps alternate between
 * training (even blocks) and held-out (odd blocks), and no window crosses a block, so held-out
 * windows share no value with training ones. Per step a window's row is {@code x,next}: the value
 * and the target, the series' next value ({@link #perStep}); or a features file of the values and
 * a labels file of the value after the window ({@link #perSequence}).
 */
public final class SeasonalSequences {
    private static final int LENGTH = 2400;
    private static final int BLOCK = 120;
    private static final int SHORTEST = 8;
    private static final int LONGEST = 16;

    private SeasonalSequences() {
    }

    /** The series, drawn with {@code seed}. */
    public static double[] series(long seed) {
        Random random = new Random(seed);
        double[] x = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            x[t] = Math.sin(2 * Math.PI * t / 12) + 0.002 * t + 0.1 * random.nextGaussian();
        }
        return x;
    }

    /** The start and length of {@code count} windows, each with its next value, inside the blocks of {@code heldOut}'s parity. */
    public static int[][] windows(int count, boolean heldOut, long seed) {
        Random random = new Random(seed);
        int blocks = LENGTH / BLOCK;
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            int block = 2 * random.nextInt(blocks / 2) + (heldOut ? 1 : 0);
            int length = SHORTEST + random.nextInt(LONGEST - SHORTEST + 1);
            // The window and its next value lie inside the block.
            int start = block * BLOCK + random.nextInt(BLOCK - length);
            out[i] = new int[] {start, length};
        }
        return out;
    }

    /** Writes windows as {@code x,next} rows, one file each, into {@code dir}. */
    public static void perStep(Path dir, double[] series, int[][] windows) {
        for (int i = 0; i < windows.length; i++) {
            StringBuilder rows = new StringBuilder();
            for (int t = windows[i][0]; t < windows[i][0] + windows[i][1]; t++) {
                rows.append(String.format("%.5f,%.5f%n", series[t], series[t + 1]));
            }
            write(dir.resolve(String.format("w-%04d.csv", i)), rows.toString());
        }
    }

    /** Writes windows into {@code dir/features}, each window's next value into {@code dir/labels}. */
    public static void perSequence(Path dir, double[] series, int[][] windows) {
        for (int i = 0; i < windows.length; i++) {
            StringBuilder rows = new StringBuilder();
            int end = windows[i][0] + windows[i][1];
            for (int t = windows[i][0]; t < end; t++) {
                rows.append(String.format("%.5f%n", series[t]));
            }
            String name = String.format("w-%04d.csv", i);
            write(dir.resolve("features").resolve(name), rows.toString());
            write(dir.resolve("labels").resolve(name), String.format("%.5f%n", series[end]));
        }
    }

    /**
     * The naive forecast's mean squared error over {@code windows}: each step's next value
     * predicted as the step's own value; per step every real step counts, per sequence each window once.
     */
    public static double naiveMse(double[] series, int[][] windows, boolean perStep) {
        double sum = 0;
        int n = 0;
        for (int[] window : windows) {
            int from = perStep ? window[0] : window[0] + window[1] - 1;
            for (int t = from; t < window[0] + window[1]; t++) {
                double error = series[t + 1] - series[t];
                sum += error * error;
                n++;
            }
        }
        return sum / n;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
