package io.sparkdp.worker;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.BitSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sum of per-example gradients, losses and example counts over the shards of one round:
 * the value {@code treeAggregate} folds. Its zero ({@link #empty()}) holds no vector, so Spark
 * ships nothing large with each task; the first {@link #add} allocates the sum, later ones add
 * in place.
 * <p>
 * It also records which shards contributed, and {@link #merge} refuses to count a shard twice:
 * a round result therefore proves that every shard was counted exactly once.
 */
public final class GradientAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient INDArray gradientSum;
    private double lossSum;
    private long examples;
    private long slowestComputeNanos;
    private final BitSet shards = new BitSet();

    private GradientAccumulator() {
    }

    /** The zero: no shards, no examples. */
    public static GradientAccumulator empty() {
        return new GradientAccumulator();
    }

    /**
     * Adds one shard's contribution.
     *
     * @param shard       the shard it came from
     * @param gradientSum the sum (not the mean) of the shard's per-example gradients; copied
     * @param lossSum     the sum of the shard's per-example losses
     * @param count       examples behind the sums, at least 1
     * @param computeNanos time the shard's forward and backward passes took
     */
    public GradientAccumulator add(int shard, INDArray gradientSum, double lossSum, long count, long computeNanos) {
        if (count < 1) {
            throw new IllegalArgumentException("a contribution needs at least one example; use addEmpty for none");
        }
        claim(shard);
        slowestComputeNanos = Math.max(slowestComputeNanos, computeNanos);
        if (this.gradientSum == null) {
            this.gradientSum = gradientSum.dup().reshape(1, gradientSum.length());
        } else {
            checkLength(gradientSum.length());
            this.gradientSum.addi(gradientSum.reshape(1, gradientSum.length()));
        }
        this.lossSum += lossSum;
        this.examples += count;
        return this;
    }

    /** Records that a shard took part but had no examples left this round. */
    public GradientAccumulator addEmpty(int shard) {
        claim(shard);
        return this;
    }

    /**
     * Folds {@code other} into this one; either may be the zero. Takes ownership of {@code other}:
     * its sum may become this one's, so {@code other} must not be used afterwards (as
     * {@code treeAggregate} never does). This saves a vector copy per merge.
     */
    public GradientAccumulator merge(GradientAccumulator other) {
        slowestComputeNanos = Math.max(slowestComputeNanos, other.slowestComputeNanos);
        for (int shard = other.shards.nextSetBit(0); shard >= 0; shard = other.shards.nextSetBit(shard + 1)) {
            claim(shard);
        }
        if (other.examples == 0) {
            return this;
        }
        if (gradientSum == null) {
            gradientSum = other.gradientSum;
        } else {
            checkLength(other.gradientSum.length());
            gradientSum.addi(other.gradientSum);
        }
        lossSum += other.lossSum;
        examples += other.examples;
        return this;
    }

    /** The longest any one shard spent computing. */
    public long slowestComputeNanos() {
        return slowestComputeNanos;
    }

    public long examples() {
        return examples;
    }

    public double lossSum() {
        return lossSum;
    }

    /** Mean loss per example, NaN when nothing was added. */
    public double meanLoss() {
        return examples == 0 ? Double.NaN : lossSum / examples;
    }

    /** Number of distinct shards that contributed, examples or not. */
    public int shardCount() {
        return shards.cardinality();
    }

    /**
     * The summed gradient, a row vector.
     *
     * @throws IllegalStateException if no example was added
     */
    public INDArray gradientSum() {
        if (gradientSum == null) {
            throw new IllegalStateException("no examples were accumulated this round");
        }
        return gradientSum;
    }

    private void claim(int shard) {
        if (shards.get(shard)) {
            throw new IllegalStateException("shard " + shard + " was counted twice in one round");
        }
        shards.set(shard);
    }

    private void checkLength(long length) {
        if (length != gradientSum.length()) {
            throw new IllegalArgumentException("gradient of length " + length + " cannot be added to one of length "
                    + gradientSum.length());
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(gradientSum == null ? null : FlatVector.of(gradientSum));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        FlatVector vector = (FlatVector) in.readObject();
        gradientSum = vector == null ? null : vector.toArray();
    }
}
