package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Permutations;
import java.io.Serializable;

/**
 * Which examples one round takes from each shard: the round-th run of {@code shardBatch}
 * examples in the shard's order for this epoch. The last round of an epoch takes what is left,
 * so no example is dropped.
 *
 * @param epoch      epoch number, from 0
 * @param round      round within the epoch, from 0
 * @param shardBatch examples per shard per round
 * @param seed       root seed of the run
 */
public record RoundTask(int epoch, int round, int shardBatch, long seed) implements Serializable {
    public RoundTask {
        if (epoch < 0 || round < 0 || shardBatch < 1) {
            throw new IllegalArgumentException("bad round " + epoch + "/" + round + " with shard batch " + shardBatch);
        }
    }

    /** This round's minibatch of the block; empty once the shard is used up. */
    public Minibatch slice(ExampleBlock block) {
        int[] order = Permutations.epochOrder(seed, epoch, block.shard(), block.size());
        int from = Math.min(round * shardBatch, block.size());
        int to = Math.min(from + shardBatch, block.size());
        return block.batch(order, from, to);
    }

    /** Rounds needed for an epoch when the largest shard holds {@code largestShard} examples. */
    public static int roundsPerEpoch(int largestShard, int shardBatch) {
        return (largestShard + shardBatch - 1) / shardBatch;
    }
}
