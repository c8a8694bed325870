package io.sparkdp.driver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Friedman's first regression benchmark (Friedman 1991, "Multivariate adaptive regression
 * splines"; scikit-learn's {@code make_friedman1}) written as CSV: ten features uniform on [0, 1],
 * of which five matter, and {@code y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + e} with
 * standard normal noise {@code e}. The target's variance is about 25, of which the noise is 1, so
 * the best possible R² is about 0.96, a linear model reaches about 0.75, and the mean 0.
 */
public final class FriedmanCsv {
    public static final int FEATURES = 10;

    private FriedmanCsv() {
    }

    /** The target of one record without its noise. */
    static double signal(double[] x) {
        return 10 * Math.sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4];
    }

    /**
     * Writes {@code records} records drawn with {@code seed} into {@code parts} files of {@code dir},
     * each with the header {@code x0,...,x9,y}.
     */
    public static Path write(Path dir, int records, int parts, long seed) {
        Random random = new Random(seed);
        try {
            Files.createDirectories(dir);
            for (int part = 0; part < parts; part++) {
                try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(String.format("part-%05d.csv", part)))) {
                    StringBuilder header = new StringBuilder();
                    for (int j = 0; j < FEATURES; j++) {
                        header.append('x').append(j).append(',');
                    }
                    out.write(header.append("y\n").toString());
                    for (int i = part * records / parts; i < (part + 1) * records / parts; i++) {
                        out.write(row(random));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static String row(Random random) {
        double[] x = new double[FEATURES];
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < FEATURES; j++) {
            x[j] = random.nextDouble();
            row.append(String.format(Locale.ROOT, "%.6f,", x[j]));
        }
        return row.append(String.format(Locale.ROOT, "%.6f%n", signal(x) + random.nextGaussian())).toString();
    }
}
