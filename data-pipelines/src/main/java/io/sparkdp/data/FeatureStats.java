package io.sparkdp.data;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-feature statistics a {@link Normalizer} is fitted from: count, minimum, maximum, mean
 * and sum of squared deviations, gathered by {@code treeAggregate(empty(), add, merge)} in one
 * pass over the training shards. Each shard's statistics are kept apart and combined in shard
 * order at the end, so the fitted values do not depend on the order Spark merges in.
 */
public final class FeatureStats implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Examples read from a block at a time: bounds the floats a block's pass allocates. */
    private static final int CHUNK = 256;

    private final int featureSize;
    private final TreeMap<Integer, Moments> byShard = new TreeMap<>();

    private FeatureStats(int featureSize) {
        this.featureSize = featureSize;
    }

    /** The zero value: no examples of {@code featureSize} features. */
    public static FeatureStats empty(int featureSize) {
        if (featureSize < 1) {
            throw new IllegalArgumentException("feature size must be positive, got " + featureSize);
        }
        return new FeatureStats(featureSize);
    }

    /**
     * Adds every example of {@code block}, as its minibatches would hold them before normalization;
     * for sequences every real time step counts as one example of its features, and padding not at all.
     */
    public FeatureStats add(ExampleBlock block) {
        if (block.steps().sequences()) {
            return addSteps(block);
        }
        if (block.featureSize() != featureSize) {
            throw new IllegalArgumentException("block of " + block.featureSize() + " features, statistics of " + featureSize);
        }
        Moments moments = byShard.computeIfAbsent(block.shard(), s -> new Moments(featureSize));
        for (int from = 0; from < block.size(); from += CHUNK) {
            Minibatch rows = block.raw(from, Math.min(block.size(), from + CHUNK));
            for (int r = 0; r < rows.size(); r++) {
                moments.add(rows.features(), r * featureSize);
            }
        }
        return this;
    }

    private FeatureStats addSteps(ExampleBlock block) {
        int steps = block.steps().max();
        if (block.featureSize() != featureSize * steps) {
            throw new IllegalArgumentException("sequences of " + block.featureSize() / steps + " features, statistics of "
                    + featureSize);
        }
        Moments moments = byShard.computeIfAbsent(block.shard(), s -> new Moments(featureSize));
        float[] step = new float[featureSize];
        for (int from = 0; from < block.size(); from += CHUNK) {
            Minibatch rows = block.raw(from, Math.min(block.size(), from + CHUNK));
            for (int r = 0; r < rows.size(); r++) {
                for (int t = 0; t < rows.steps().lengths()[r]; t++) {
                    for (int f = 0; f < featureSize; f++) {
                        step[f] = rows.features()[(r * featureSize + f) * steps + t];
                    }
                    moments.add(step, 0);
                }
            }
        }
        return this;
    }

    /** Adds one example's {@code featureSize} values; for tests and single-machine references. */
    public FeatureStats add(int shard, float[] example) {
        if (example.length != featureSize) {
            throw new IllegalArgumentException("example of " + example.length + " features, statistics of " + featureSize);
        }
        byShard.computeIfAbsent(shard, s -> new Moments(featureSize)).add(example, 0);
        return this;
    }

    public FeatureStats merge(FeatureStats other) {
        if (other.featureSize != featureSize) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.featureSize + " and " + featureSize + " features");
        }
        for (Map.Entry<Integer, Moments> e : other.byShard.entrySet()) {
            byShard.merge(e.getKey(), e.getValue(), Moments::merge);
        }
        return this;
    }

    /** Examples seen. */
    public long count() {
        return total().count;
    }

    /** Per feature: minimum, maximum, mean and population standard deviation, in that order. */
    public double[][] summary() {
        Moments all = total();
        double[] std = new double[featureSize];
        for (int j = 0; j < featureSize; j++) {
            std[j] = all.count == 0 ? 0 : Math.sqrt(all.m2[j] / all.count);
        }
        return new double[][] {all.min.clone(), all.max.clone(), all.mean.clone(), std};
    }

    /** The normalizer {@code method} fits from these statistics. */
    public Normalizer fit(Normalization method) {
        if (method == Normalization.NONE) {
            return Normalizer.none();
        }
        if (count() == 0) {
            throw new BadDataException("no training records to fit the " + method.flag() + " normalization on");
        }
        double[][] s = summary();
        float[] offset = new float[featureSize];
        float[] scale = new float[featureSize];
        for (int j = 0; j < featureSize; j++) {
            double shift = method == Normalization.MINMAX ? s[0][j] : s[2][j];
            double spread = method == Normalization.MINMAX ? s[1][j] - s[0][j] : s[3][j];
            offset[j] = (float) shift;
            // A constant feature keeps its unit: it becomes 0 on the training data, and finite elsewhere.
            float inverse = (float) (1.0 / spread);
            scale[j] = spread > 0 && Float.isFinite(inverse) && inverse != 0 ? inverse : 1f;
        }
        return new Normalizer(method, offset, scale);
    }

    private Moments total() {
        Moments all = new Moments(featureSize);
        byShard.values().forEach(all::merge);
        return all;
    }

    /** Running moments of one shard (Welford; merged with Chan et al.'s formula). */
    private static final class Moments implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        final double[] mean;
        final double[] m2;
        final double[] min;
        final double[] max;

        Moments(int size) {
            mean = new double[size];
            m2 = new double[size];
            min = new double[size];
            max = new double[size];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(float[] values, int at) {
            count++;
            for (int j = 0; j < mean.length; j++) {
                double x = values[at + j];
                double delta = x - mean[j];
                mean[j] += delta / count;
                m2[j] += delta * (x - mean[j]);
                min[j] = Math.min(min[j], x);
                max[j] = Math.max(max[j], x);
            }
        }

        Moments merge(Moments other) {
            if (other.count == 0) {
                return this;
            }
            long n = count + other.count;
            for (int j = 0; j < mean.length; j++) {
                double delta = other.mean[j] - mean[j];
                mean[j] += delta * other.count / n;
                m2[j] += other.m2[j] + delta * delta * ((double) count * other.count / n);
                min[j] = Math.min(min[j], other.min[j]);
                max[j] = Math.max(max[j], other.max[j]);
            }
            count = n;
            return this;
        }
    }
}
