package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundTaskTest {
    private static final int SIZE = 10;
    private static final int SHARD_BATCH = 4;
    private static final int CLASSES = 3;
    private static final long SEED = 99;

    /** A block whose example {@code i} has pixels {@code (i, 2i)} and label {@code i % 3}, so a batch row names its example. */
    private static ExampleBlock block(int shard) {
        byte[] pixels = new byte[SIZE * 2];
        byte[] labels = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = (byte) (2 * i);
            labels[i] = (byte) (i % CLASSES);
        }
        return new ExampleBlock(shard, 2, CLASSES, pixels, labels);
    }

    /** The example indices of a batch cut from {@link #block}, checking each row is intact. */
    private static int[] examples(Minibatch batch) {
        int[] examples = new int[batch.size()];
        for (int row = 0; row < batch.size(); row++) {
            int example = Math.round(batch.features()[2 * row] * 255f);
            assertEquals(2 * example, Math.round(batch.features()[2 * row + 1] * 255f), "row " + row);
            assertEquals(example % CLASSES, batch.classes()[row], "row " + row);
            examples[row] = example;
        }
        return examples;
    }

    /** The examples of every round of one epoch, in order; rounds run one past the end. */
    private static List<int[]> epoch(ExampleBlock block, int epoch, long seed) {
        List<int[]> rounds = new ArrayList<>();
        for (int round = 0; round <= RoundTask.roundsPerEpoch(block.size(), SHARD_BATCH); round++) {
            rounds.add(examples(new RoundTask(epoch, round, SHARD_BATCH, seed).slice(block)));
        }
        return rounds;
    }

    private static int[] concat(List<int[]> rounds) {
        return rounds.stream().flatMapToInt(IntStream::of).toArray();
    }

    @Test
    void roundsTakeFullBatchesThenTheRestThenNothing() {
        List<int[]> rounds = epoch(block(0), 0, SEED);

        assertEquals(List.of(4, 4, 2, 0), rounds.stream().map(r -> r.length).toList());
    }

    @Test
    void everyExampleAppearsOncePerEpoch() {
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = concat(epoch(block(1), epoch, SEED));

            assertArrayEquals(IntStream.range(0, SIZE).toArray(), IntStream.of(seen).sorted().toArray(),
                    "epoch " + epoch);
        }
    }

    @Test
    void theOrderIsShuffledAndReproducible() {
        int[] order = concat(epoch(block(0), 0, SEED));

        assertArrayEquals(order, concat(epoch(block(0), 0, SEED)));
        assertFalse(Arrays.equals(IntStream.range(0, SIZE).toArray(), order), "identity order");
    }

    @Test
    void epochsShardsAndSeedsGiveDifferentOrders() {
        int[] base = concat(epoch(block(0), 0, SEED));

        assertFalse(Arrays.equals(base, concat(epoch(block(0), 1, SEED))), "next epoch");
        assertFalse(Arrays.equals(base, concat(epoch(block(1), 0, SEED))), "other shard");
        assertFalse(Arrays.equals(base, concat(epoch(block(0), 0, SEED + 1))), "other seed");
    }

    @Test
    void roundsPerEpochRoundsUp() {
        assertEquals(3, RoundTask.roundsPerEpoch(10, 4));
        assertEquals(2, RoundTask.roundsPerEpoch(8, 4));
        assertEquals(1, RoundTask.roundsPerEpoch(1, 4));
        assertEquals(0, RoundTask.roundsPerEpoch(0, 4));
        assertEquals(10, RoundTask.roundsPerEpoch(10, 1));
    }

    @Test
    void anEmptyBlockGivesEmptyRounds() {
        ExampleBlock empty = new ExampleBlock(2, 2, CLASSES, new byte[0], new byte[0]);

        Minibatch batch = new RoundTask(0, 0, SHARD_BATCH, SEED).slice(empty);

        assertEquals(0, batch.size());
        assertEquals(0, batch.features().length);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RoundTask(-1, 0, 4, SEED));
        assertThrows(IllegalArgumentException.class, () -> new RoundTask(0, -1, 4, SEED));
        assertThrows(IllegalArgumentException.class, () -> new RoundTask(0, 0, 0, SEED));
        assertThrows(IllegalArgumentException.class, () -> new RoundTask(0, 0, -4, SEED));
        RoundTask valid = new RoundTask(0, 0, 1, SEED);
        assertEquals(1, valid.shardBatch());
        assertNotEquals(valid, new RoundTask(0, 1, 1, SEED));
        assertTrue(valid.equals(new RoundTask(0, 0, 1, SEED)));
    }
}
