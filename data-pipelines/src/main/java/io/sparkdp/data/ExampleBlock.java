package io.sparkdp.data;

import java.io.Serializable;
import java.util.List;

/**
 * The examples of one shard, held compactly on the executor that owns it, and what the data RDD
 * caches. Image formats keep their 8-bit pixels (a quarter of the memory of floats) and scale
 * them on the way into a minibatch; tabular formats keep 32-bit values. Labels are class
 * indices ({@code int} each) or, for regression, {@link Labels.Targets}. It cuts minibatches
 * without further I/O.
 */
public final class ExampleBlock implements Serializable {
    private static final long serialVersionUID = 5L;
    private static final float PIXEL_SCALE = 1f / 255f;
    /** How pixel features are normalised on their way into a minibatch, as checkpoints record it. */
    public static final String NORMALIZATION = "scale: uint8 pixel / 255, to [0, 1]";

    private final int shard;
    private final int featureSize;
    private final Features features;
    private final Labels labels;
    /** The real length of each sequence; none for examples that are not sequences. */
    private final Steps steps;
    /** Applied to every minibatch cut from this block, after pixel scaling. */
    private final Normalizer normalizer;
    /** The last epoch order asked for: every round of an epoch uses the same one. */
    private transient volatile EpochOrder lastOrder;

    private record EpochOrder(long seed, int epoch, int[] order) {
    }

    /** The stored feature values of every example, row-major. */
    private sealed interface Features extends Serializable {
        /** Writes example {@code example}'s {@code size} values into {@code out} at {@code offset}. */
        void copy(int example, int size, float[] out, int offset);

        /** The rows {@code examples}, in that order. */
        Features select(int[] examples, int size);

        int length();
    }

    /** Unsigned 8-bit pixels, scaled to [0, 1] when read. */
    private record Pixels(byte[] values) implements Features {
        @Override
        public void copy(int example, int size, float[] out, int offset) {
            int src = example * size;
            for (int j = 0; j < size; j++) {
                out[offset + j] = scale(values[src + j]);
            }
        }

        @Override
        public Features select(int[] examples, int size) {
            byte[] out = new byte[Math.multiplyExact(examples.length, size)];
            for (int i = 0; i < examples.length; i++) {
                System.arraycopy(values, examples[i] * size, out, i * size, size);
            }
            return new Pixels(out);
        }

        @Override
        public int length() {
            return values.length;
        }
    }

    /** 32-bit values, read as they are. */
    private record Values(float[] values) implements Features {
        @Override
        public void copy(int example, int size, float[] out, int offset) {
            System.arraycopy(values, example * size, out, offset, size);
        }

        @Override
        public Features select(int[] examples, int size) {
            float[] out = new float[Math.multiplyExact(examples.length, size)];
            for (int i = 0; i < examples.length; i++) {
                System.arraycopy(values, examples[i] * size, out, i * size, size);
            }
            return new Values(out);
        }

        @Override
        public int length() {
            return values.length;
        }
    }

    /**
     * A block of 8-bit pixels.
     *
     * @param shard       the shard this block belongs to
     * @param featureSize values per example
     * @param numClasses  number of classes the labels index
     * @param pixels      {@code count * featureSize} unsigned bytes
     * @param labels      {@code count} unsigned class indices
     */
    public ExampleBlock(int shard, int featureSize, int numClasses, byte[] pixels, byte[] labels) {
        this(shard, featureSize, new Pixels(pixels), new Labels.Classes(unsigned(labels), numClasses));
    }

    private ExampleBlock(int shard, int featureSize, Features features, Labels labels) {
        this(shard, featureSize, features, labels, Steps.none(), Normalizer.none());
    }

    private ExampleBlock(int shard, int featureSize, Features features, Labels labels, Steps steps, Normalizer normalizer) {
        normalizer.checkFits(steps.sequences() ? featureSize / steps.max() : featureSize);
        if (features.length() != (long) labels.size() * featureSize) {
            throw new IllegalArgumentException("block holds " + features.length() + " values for " + labels.size()
                    + " examples of " + featureSize);
        }
        if (steps.sequences() && (steps.lengths().length != labels.size() || featureSize % steps.max() != 0)) {
            throw new IllegalArgumentException(steps + " do not fit " + labels.size() + " examples of " + featureSize);
        }
        this.shard = shard;
        this.featureSize = featureSize;
        this.features = features;
        this.labels = labels;
        this.steps = steps;
        this.normalizer = normalizer;
    }

    /** A block of 8-bit pixels with class indices beyond a byte's range. */
    public static ExampleBlock ofPixels(int shard, int featureSize, int numClasses, byte[] pixels, int[] labels) {
        return new ExampleBlock(shard, featureSize, new Pixels(pixels), new Labels.Classes(labels, numClasses));
    }

    /** A block of real-valued features, {@code labels.length * featureSize} of them. */
    public static ExampleBlock ofValues(int shard, int featureSize, int numClasses, float[] values, int[] labels) {
        return ofValues(shard, featureSize, values, new Labels.Classes(labels, numClasses));
    }

    /** A block of real-valued features, {@code labels.size() * featureSize} of them, with any kind of labels. */
    public static ExampleBlock ofValues(int shard, int featureSize, float[] values, Labels labels) {
        return new ExampleBlock(shard, featureSize, new Values(values), labels);
    }

    /**
     * A block of sequences padded at the end to {@code steps.max()} steps, each example
     * {@code featureSize / steps.max()} features by {@code steps.max()} steps, feature-major.
     */
    public static ExampleBlock ofSequences(int shard, int featureSize, float[] values, Labels labels, Steps steps) {
        if (!steps.sequences()) {
            throw new IllegalArgumentException("a block of sequences needs their lengths");
        }
        return new ExampleBlock(shard, featureSize, new Values(values), labels, steps, Normalizer.none());
    }

    private static int[] unsigned(byte[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    /** One unsigned 8-bit pixel as the model sees it ({@value #NORMALIZATION}); every input path uses this. */
    public static float scale(byte pixel) {
        return (pixel & 0xFF) * PIXEL_SCALE;
    }

    public int shard() {
        return shard;
    }

    public int size() {
        return labels.size();
    }

    public int featureSize() {
        return featureSize;
    }

    /** Number of classes the labels index; 0 for regression or reconstruction targets. */
    public int numClasses() {
        return labels.classes();
    }

    /** The examples' labels, in stored order. */
    public Labels labels() {
        return labels;
    }

    /**
     * The order in which this shard visits its examples in {@code epoch}: {@link Permutations#epochOrder},
     * computed once per epoch rather than once per round. The returned array must not be modified.
     */
    public int[] epochOrder(long seed, int epoch) {
        EpochOrder last = lastOrder;
        if (last == null || last.seed() != seed || last.epoch() != epoch) {
            last = new EpochOrder(seed, epoch, Permutations.epochOrder(seed, epoch, shard, labels.size()));
            lastOrder = last;
        }
        return last.order();
    }

    /** The real length of each sequence; {@link Steps#none()} for examples that are not sequences. */
    public Steps steps() {
        return steps;
    }

    /** The normalization its minibatches get. */
    public Normalizer normalizer() {
        return normalizer;
    }

    /**
     * The same examples (shared, not copied), whose minibatches {@code normalizer} normalises
     * instead of this block's own normalization.
     */
    public ExampleBlock normalizedBy(Normalizer replacement) {
        return new ExampleBlock(shard, featureSize, features, labels, steps, replacement);
    }

    /**
     * The same examples (shared, not copied) with their labels replaced by {@link Labels.Inputs}:
     * each minibatch's targets are its own normalised features, for models that reconstruct them.
     */
    public ExampleBlock reconstructing() {
        return new ExampleBlock(shard, featureSize, features, new Labels.Inputs(size(), featureSize), steps, normalizer);
    }

    /** Class index of one example; only for class labels. */
    public int label(int example) {
        if (labels instanceof Labels.Classes classes) {
            return classes.indices()[example];
        }
        throw new IllegalStateException("a regression block has targets, not classes");
    }

    /**
     * The examples {@code order[from..to)} as a minibatch, pixels scaled to [0, 1], then normalised
     * by {@link #normalizer()}.
     *
     * @param order a permutation of this block's examples (or any list of example indices)
     */
    public Minibatch batch(int[] order, int from, int to) {
        Minibatch batch = unnormalized(order, from, to);
        if (steps.sequences()) {
            normalizer.applySteps(batch.features(), batch.steps().lengths(), featureSize / steps.max(), steps.max());
        } else {
            normalizer.apply(batch.features(), batch.size(), featureSize);
        }
        return batch;
    }

    /** The examples {@code from..to)} in stored order, pixels scaled but not normalised: what a normalizer is fitted on. */
    public Minibatch raw(int from, int to) {
        return unnormalized(identity(from, to), 0, to - from);
    }

    private Minibatch unnormalized(int[] order, int from, int to) {
        int n = to - from;
        float[] out = new float[n * featureSize];
        int[] examples = new int[n];
        for (int row = 0; row < n; row++) {
            examples[row] = order[from + row];
            features.copy(examples[row], featureSize, out, row * featureSize);
        }
        return new Minibatch(out, labels.select(examples), featureSize, steps.select(examples));
    }

    /**
     * Writes example {@code example}'s features, pixels scaled but not normalised, into
     * {@code out[offset ..]}: one row of a caller's minibatch, without a copy of its own.
     */
    public void copyRaw(int example, float[] out, int offset) {
        features.copy(example, featureSize, out, offset);
    }

    /** The examples {@code from..to) in stored order, for evaluation. */
    public Minibatch range(int from, int to) {
        return batch(identity(from, to), 0, to - from);
    }

    private static int[] identity(int from, int to) {
        int[] identity = new int[to - from];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = from + i;
        }
        return identity;
    }

    /** The examples {@code examples}, in that order, as a block of shard {@code newShard}. */
    public ExampleBlock select(int newShard, int[] examples) {
        return new ExampleBlock(newShard, featureSize, features.select(examples, featureSize), labels.select(examples),
                steps.select(examples), normalizer);
    }

    /**
     * The examples of {@code parts}, one after another, as one block of {@code shard}; an empty
     * block of {@code featureSize} features where there are none.
     */
    public static ExampleBlock concat(int shard, int featureSize, int numClasses, List<ExampleBlock> parts) {
        return concat(shard, featureSize, new Labels.Classes(new int[0], numClasses), parts);
    }

    /**
     * The examples of {@code parts}, one after another, as one block of {@code shard}; an empty
     * block of {@code featureSize} features and labels like {@code none} where there are none.
     */
    public static ExampleBlock concat(int shard, int featureSize, Labels none, List<ExampleBlock> parts) {
        if (parts.isEmpty()) {
            return ofValues(shard, featureSize, new float[0], none.empty());
        }
        int total = parts.stream().mapToInt(ExampleBlock::size).sum();
        Class<?> layout = parts.get(0).features.getClass();
        for (ExampleBlock part : parts) {
            if (part.featureSize != featureSize || part.features.getClass() != layout) {
                throw new IllegalArgumentException("cannot join blocks of different feature layouts");
            }
        }
        Labels all = none.empty().join(parts.stream().map(ExampleBlock::labels).toList());
        Steps lengths = Steps.join(parts.stream().map(ExampleBlock::steps).toList());
        return new ExampleBlock(shard, featureSize, join(parts, featureSize, total), all, lengths, Normalizer.none());
    }

    private static Features join(List<ExampleBlock> parts, int featureSize, int total) {
        if (parts.get(0).features instanceof Pixels) {
            byte[] out = new byte[Math.multiplyExact(total, featureSize)];
            int at = 0;
            for (ExampleBlock part : parts) {
                byte[] values = ((Pixels) part.features).values();
                System.arraycopy(values, 0, out, at, values.length);
                at += values.length;
            }
            return new Pixels(out);
        }
        float[] out = new float[Math.multiplyExact(total, featureSize)];
        int at = 0;
        for (ExampleBlock part : parts) {
            float[] values = ((Values) part.features).values();
            System.arraycopy(values, 0, out, at, values.length);
            at += values.length;
        }
        return new Values(out);
    }

    @Override
    public String toString() {
        return "ExampleBlock[shard " + shard + ", " + size() + " x " + featureSize + ", " + labels + "]";
    }
}
