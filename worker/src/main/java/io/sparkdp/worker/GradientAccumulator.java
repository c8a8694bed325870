package io.sparkdp.worker;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sum of per-example gradients, losses and example counts over the shards of one
 * synchronous round: the value {@code treeAggregate} folds. Its zero ({@link #empty()}) holds no
 * vector, so Spark ships nothing large with each task.
 * <p>
 * It also records which shards contributed, and {@link #merge} refuses to count a shard twice:
 * a round result therefore proves that every shard was counted exactly once.
 */
public final class GradientAccumulator implements Serializable {
    private static final long serialVersionUID = 2L;

    private final VectorSum gradients = new VectorSum();
    private final ShardTally tally = new ShardTally();

    private GradientAccumulator() {
    }

    /** The zero: no shards, no examples. */
    public static GradientAccumulator empty() {
        return new GradientAccumulator();
    }

    /**
     * Adds one shard's contribution.
     *
     * @param shard        the shard it came from
     * @param gradientSum  the sum (not the mean) of the shard's per-example gradients; copied
     * @param lossSum      the sum of the shard's per-example losses
     * @param count        examples behind the sums, at least 1
     * @param computeNanos time the shard's forward and backward passes took
     */
    public GradientAccumulator add(int shard, INDArray gradientSum, double lossSum, long count, long computeNanos) {
        if (count < 1) {
            throw new IllegalArgumentException("a contribution needs at least one example; use addEmpty for none");
        }
        tally.record(shard, count, lossSum, 1, computeNanos);
        gradients.add(gradientSum, 1);
        return this;
    }

    /** Records that a shard took part but had no examples left this round. */
    public GradientAccumulator addEmpty(int shard) {
        tally.record(shard, 0, 0, 0, 0);
        return this;
    }

    /**
     * Folds {@code other} into this one; either may be the zero. Takes ownership of {@code other}:
     * its sum may become this one's, so {@code other} must not be used afterwards (as
     * {@code treeAggregate} never does). This saves a vector copy per merge.
     */
    public GradientAccumulator merge(GradientAccumulator other) {
        tally.merge(other.tally);
        gradients.merge(other.gradients);
        return this;
    }

    /** Shards, examples, loss and timing of the round. */
    public ShardTally tally() {
        return tally;
    }

    /** The longest any one shard spent computing. */
    public long slowestComputeNanos() {
        return tally.slowestComputeNanos();
    }

    public long examples() {
        return tally.examples();
    }

    public double lossSum() {
        return tally.lossSum();
    }

    /** Mean loss per example, NaN when nothing was added. */
    public double meanLoss() {
        return tally.meanLoss();
    }

    /** Number of distinct shards that contributed, examples or not. */
    public int shardCount() {
        return tally.shardCount();
    }

    /**
     * The summed gradient, a row vector.
     *
     * @throws IllegalStateException if no example was added
     */
    public INDArray gradientSum() {
        if (gradients.isEmpty()) {
            throw new IllegalStateException("no examples were accumulated this round");
        }
        return gradients.sum();
    }
}
