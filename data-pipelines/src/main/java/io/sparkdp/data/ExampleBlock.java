package io.sparkdp.data;

import java.io.Serializable;

/**
 * The examples of one shard, held compactly on the executor that owns it: 8-bit pixels and
 * 8-bit class labels, as the IDX files store them. It is what the data RDD caches, and it cuts
 * minibatches without further I/O.
 */
public final class ExampleBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final float PIXEL_SCALE = 1f / 255f;
    /** How features are normalised on their way into a minibatch, as checkpoints record it. */
    public static final String NORMALIZATION = "scale: uint8 pixel / 255, to [0, 1]";

    private final int shard;
    private final int featureSize;
    private final int numClasses;
    private final byte[] pixels;
    private final byte[] labels;
    /** The last epoch order asked for: every round of an epoch uses the same one. */
    private transient volatile EpochOrder lastOrder;

    private record EpochOrder(long seed, int epoch, int[] order) {
    }

    /**
     * @param shard       the shard this block belongs to
     * @param featureSize values per example
     * @param numClasses  number of classes the labels index
     * @param pixels      {@code count * featureSize} unsigned bytes
     * @param labels      {@code count} unsigned class indices
     */
    public ExampleBlock(int shard, int featureSize, int numClasses, byte[] pixels, byte[] labels) {
        if (pixels.length != (long) labels.length * featureSize) {
            throw new IllegalArgumentException("block holds " + pixels.length + " pixels for " + labels.length
                    + " examples of " + featureSize);
        }
        this.shard = shard;
        this.featureSize = featureSize;
        this.numClasses = numClasses;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** One unsigned 8-bit pixel as the model sees it ({@value #NORMALIZATION}); every input path uses this. */
    public static float scale(byte pixel) {
        return (pixel & 0xFF) * PIXEL_SCALE;
    }

    public int shard() {
        return shard;
    }

    public int size() {
        return labels.length;
    }

    public int featureSize() {
        return featureSize;
    }

    public int numClasses() {
        return numClasses;
    }

    /**
     * The order in which this shard visits its examples in {@code epoch}: {@link Permutations#epochOrder},
     * computed once per epoch rather than once per round. The returned array must not be modified.
     */
    public int[] epochOrder(long seed, int epoch) {
        EpochOrder last = lastOrder;
        if (last == null || last.seed() != seed || last.epoch() != epoch) {
            last = new EpochOrder(seed, epoch, Permutations.epochOrder(seed, epoch, shard, labels.length));
            lastOrder = last;
        }
        return last.order();
    }

    /** Class index of one example. */
    public int label(int example) {
        return labels[example] & 0xFF;
    }

    /**
     * The examples {@code order[from..to)} as a minibatch, pixels scaled to [0, 1].
     *
     * @param order a permutation of this block's examples (or any list of example indices)
     */
    public Minibatch batch(int[] order, int from, int to) {
        int n = to - from;
        float[] features = new float[n * featureSize];
        int[] classes = new int[n];
        for (int row = 0; row < n; row++) {
            int example = order[from + row];
            int src = example * featureSize;
            int dst = row * featureSize;
            for (int j = 0; j < featureSize; j++) {
                features[dst + j] = scale(pixels[src + j]);
            }
            classes[row] = label(example);
        }
        return new Minibatch(features, classes, featureSize, numClasses);
    }

    /** The examples {@code from..to) in stored order, for evaluation. */
    public Minibatch range(int from, int to) {
        int[] identity = new int[to - from];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = from + i;
        }
        return batch(identity, 0, identity.length);
    }
}
