package io.sparkdp.worker;

import java.io.Serializable;
import java.util.BitSet;

/**
 * The statistics every round accumulator keeps besides its vectors: which shards contributed
 * (each exactly once), their examples and summed loss, the most local steps any took, and the
 * slowest shard's compute time.
 */
public final class ShardTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final BitSet shards = new BitSet();
    private long examples;
    private double lossSum;
    private int maxSteps;
    private long slowestComputeNanos;

    /**
     * Records a shard's contribution.
     *
     * @throws IllegalStateException if the shard was already counted
     */
    public void record(int shard, long shardExamples, double shardLossSum, int steps, long computeNanos) {
        claim(shard);
        examples += shardExamples;
        lossSum += shardLossSum;
        maxSteps = Math.max(maxSteps, steps);
        slowestComputeNanos = Math.max(slowestComputeNanos, computeNanos);
    }

    /** Folds {@code other} in, refusing any shard both have counted. */
    public void merge(ShardTally other) {
        for (int shard = other.shards.nextSetBit(0); shard >= 0; shard = other.shards.nextSetBit(shard + 1)) {
            claim(shard);
        }
        examples += other.examples;
        lossSum += other.lossSum;
        maxSteps = Math.max(maxSteps, other.maxSteps);
        slowestComputeNanos = Math.max(slowestComputeNanos, other.slowestComputeNanos);
    }

    private void claim(int shard) {
        if (shards.get(shard)) {
            throw new IllegalStateException("shard " + shard + " was counted twice in one round");
        }
        shards.set(shard);
    }

    /** Number of distinct shards that contributed, examples or not. */
    public int shardCount() {
        return shards.cardinality();
    }

    public long examples() {
        return examples;
    }

    public double lossSum() {
        return lossSum;
    }

    /** Mean loss per example, NaN when nothing was recorded. */
    public double meanLoss() {
        return examples == 0 ? Double.NaN : lossSum / examples;
    }

    /** The most optimizer steps any shard took. */
    public int maxSteps() {
        return maxSteps;
    }

    /** The longest any one shard spent computing. */
    public long slowestComputeNanos() {
        return slowestComputeNanos;
    }
}
