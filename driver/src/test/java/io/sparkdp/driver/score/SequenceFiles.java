package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.Normalizer;
import io.sparkdp.models.network.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The sequence files {@link SequenceScoreTest} scores, written here, and how the test reads them
 * back as the network's own input: one sequence alone, unpadded, and its greedy decode.
 */
final class SequenceFiles {
    static final List<String> CLASSES = List.of("down", "flat", "up");

    private SequenceFiles() {
    }

    /** One labelled sequence file's text: its rows and its labels file. */
    private record Labelled(CharSequence rows, String label) {
    }

    /** Draws the {@code i}-th sequence. */
    private interface Draw {
        Labelled draw(int i, Random random);
    }

    /** Writes {@code count} sequences drawn with {@code seed} as {@code <dir>/features/<prefix>-NNNN.csv} and its labels file. */
    private static Path write(Path dir, String prefix, int count, long seed, Draw draw) {
        Random random = new Random(seed);
        try {
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("labels"));
            for (int i = 0; i < count; i++) {
                Labelled sequence = draw.draw(i, random);
                String name = String.format(Locale.ROOT, "%s-%04d.csv", prefix, i);
                Files.writeString(dir.resolve("features").resolve(name), sequence.rows());
                Files.writeString(dir.resolve("labels").resolve(name), sequence.label());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Sequences of 3 to 9 steps of two values, a trend and a level far from 0 (so that
     * standardisation matters), in {@code features/}, and their class in {@code labels/}.
     */
    static Path writeTrends(Path dir, int count, long seed) {
        return write(dir, "s", count, seed, (i, random) -> {
            int label = random.nextInt(CLASSES.size());
            StringBuilder rows = new StringBuilder();
            int steps = 3 + random.nextInt(7);
            for (int t = 0; t < steps; t++) {
                rows.append(String.format(Locale.ROOT, "%.4f,%.4f%n", (label - 1) * t + random.nextGaussian(),
                        100 + 10 * random.nextGaussian()));
            }
            return new Labelled(rows, CLASSES.get(label) + "\n");
        });
    }

    /** The file an id {@code <file>:0} names. */
    static Path fileOf(String id) {
        assertTrue(id.endsWith(":0"), id);
        return Path.of(java.net.URI.create(id.substring(0, id.length() - 2)));
    }

    /** A sequence file as the network reads one sequence alone: {@code [1, features, steps]}, unpadded and unmasked. */
    static INDArray sequence(Path file, Normalizer normalizer) throws IOException {
        return sequence(file, normalizer, Files.readAllLines(file).get(0).split(",").length);
    }

    /** {@link #sequence(Path, Normalizer)} of the first {@code features} columns of each row. */
    static INDArray sequence(Path file, Normalizer normalizer, int features) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        float[] values = new float[features * lines.size()];
        for (int t = 0; t < lines.size(); t++) {
            String[] fields = lines.get(t).split(",");
            for (int f = 0; f < features; f++) {
                values[f * lines.size() + t] = Float.parseFloat(fields[f]);
            }
        }
        normalizer.applySteps(values, new int[]{lines.size()}, features, lines.size());
        return Nd4j.create(values, new long[]{1, features, lines.size()}, 'c');
    }

    static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).get(0).trim();
    }

    /** Windows of 3 to 8 steps of a noisy seasonal series from step {@code from}, each labelled with the next value. */
    static Path writeWindows(Path dir, int count, int from) {
        return write(dir, "w", count, from, (i, random) -> {
            int start = from + 10 * i;
            int steps = 3 + random.nextInt(6);
            StringBuilder rows = new StringBuilder();
            for (int t = 0; t < steps; t++) {
                rows.append(String.format(Locale.ROOT, "%.4f%n", Math.sin(2 * Math.PI * (start + t) / 12) + 0.1 * random.nextGaussian()));
            }
            return new Labelled(rows, String.format(Locale.ROOT, "%.4f%n", Math.sin(2 * Math.PI * (start + steps) / 12)));
        });
    }

    /** A greedy decode as the test reads it. */
    record Decode(String tokens, int length, double probability, boolean complete) {
    }

    /**
     * The model's own greedy decoding of one source, through the path evaluate takes: labels of
     * {@code steps} steps under a full mask, so the decoder runs every step.
     */
    static Decode decode(Network network, INDArray source, int steps, List<String> vocabulary) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, vocabulary.size(), steps);
        INDArray decoded = network.output(new DataSet(source, labels, null, Nd4j.ones(DataType.FLOAT, 1, steps)));
        List<String> tokens = new ArrayList<>();
        double probability = 1;
        for (int t = 0; t < steps; t++) {
            INDArray step = decoded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t));
            int best = Nd4j.argMax(step).getInt(0);
            probability *= step.getDouble(best);
            if (best == vocabulary.size() - 1) {
                return new Decode(String.join(" ", tokens), tokens.size(), probability, true);
            }
            tokens.add(vocabulary.get(best));
        }
        return new Decode(String.join(" ", tokens), tokens.size(), probability, false);
    }
}
