package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Seeds;
import java.io.Serializable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which examples one round takes from each shard. A round is {@code localSteps} optimizer steps
 * of {@code shardBatch} examples each (one step for synchronous rounds); step {@code s} of round
 * {@code r} takes the examples at positions {@code (r * localSteps + s) * shardBatch} onwards in
 * the shard's order for this epoch. The last steps of an epoch take what is left, so no example
 * is dropped.
 *
 * @param epoch      epoch number, from 0
 * @param round      round within the epoch, from 0
 * @param shardBatch examples per shard per step
 * @param localSteps optimizer steps per round on each shard, at least 1
 * @param seed       root seed of the run
 */
public record RoundTask(int epoch, int round, int shardBatch, int localSteps, long seed) implements Serializable {
    /** Names the stream of in-network randomness (dropout, noise, sampling) among the run's seeds. */
    private static final long NOISE_STREAM = 0x6E6F697365L;

    public RoundTask {
        if (epoch < 0 || round < 0 || shardBatch < 1 || localSteps < 1) {
            throw new IllegalArgumentException("bad round " + epoch + "/" + round + " with shard batch " + shardBatch
                    + " and " + localSteps + " local steps");
        }
    }

    /** A synchronous round: one step. */
    public RoundTask(int epoch, int round, int shardBatch, long seed) {
        this(epoch, round, shardBatch, 1, seed);
    }

    /** This round's minibatch of the block for its first (or only) step; empty once the shard is used up. */
    public Minibatch slice(ExampleBlock block) {
        return slice(block, 0);
    }

    /** The minibatch of local step {@code step}; empty once the shard is used up. */
    public Minibatch slice(ExampleBlock block, int step) {
        return slice(block, order(block), step);
    }

    /** This epoch's order of the block's examples; compute once per round and pass to {@link #slice(ExampleBlock, int[], int)}. */
    public int[] order(ExampleBlock block) {
        return block.epochOrder(seed, epoch);
    }

    /** The minibatch of local step {@code step}, given the block's {@link #order}. */
    public Minibatch slice(ExampleBlock block, int[] order, int step) {
        int from = (int) Math.min(start(step), block.size());
        int to = Math.min(from + shardBatch, block.size());
        return block.batch(order, from, to);
    }

    /**
     * Reseeds the calling thread's ND4J random stream for local step {@code step} of this round on
     * {@code shard}, from the run seed: dropout masks, denoising corruption and a VAE's samples
     * all draw from that stream, so a run that uses them is bit-reproducible. Executor threads run
     * only sparkdp's tasks, and each step reseeds before it draws, so no earlier state leaks in.
     */
    public void seedRandomness(int shard, int step) {
        Nd4j.getRandom().setSeed(Seeds.derive(seed, NOISE_STREAM, epoch, round, shard, step));
    }

    /**
     * {@link #seedRandomness(int, int)} for phase {@code phase} of a step of a model trained in
     * phases (a GAN's noise for its discriminator, then for its generator); phase 0 draws what the
     * step itself draws, so models of one phase see the stream they always saw.
     */
    public void seedRandomness(int shard, int step, int phase) {
        if (phase == 0) {
            seedRandomness(shard, step);
        } else {
            Nd4j.getRandom().setSeed(Seeds.derive(seed, NOISE_STREAM, epoch, round, shard, step, phase));
        }
    }

    /** Whether the block has any example left for this round. */
    public boolean hasExamples(ExampleBlock block) {
        return start(0) < block.size();
    }

    private long start(int step) {
        return ((long) round * localSteps + step) * shardBatch;
    }

    /** Rounds needed for an epoch when the largest shard holds {@code largestShard} examples. */
    public static int roundsPerEpoch(int largestShard, int shardBatch, int localSteps) {
        long perRound = (long) shardBatch * localSteps;
        return (int) ((largestShard + perRound - 1) / perRound);
    }

    /** Rounds of one step needed for an epoch. */
    public static int roundsPerEpoch(int largestShard, int shardBatch) {
        return roundsPerEpoch(largestShard, shardBatch, 1);
    }
}
