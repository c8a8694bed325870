package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void deriveIsDeterministic() {
        assertEquals(Seeds.derive(42L, 2, 5, 3), Seeds.derive(42L, 2, 5, 3));
    }

    @Test
    void differentPathsGiveDifferentSeeds() {
        long root = 42L;
        assertNotEquals(Seeds.derive(root, 1), Seeds.derive(root, 2));
        assertNotEquals(Seeds.derive(root, 1, 2), Seeds.derive(root, 2, 1), "order matters");
        assertNotEquals(Seeds.derive(root), Seeds.derive(root, 0), "a child differs from its parent");
        assertNotEquals(Seeds.derive(root, 0), Seeds.derive(root, 0, 0));
        assertNotEquals(Seeds.derive(root, 1), Seeds.derive(root + 1, 1), "another root");
        assertNotEquals(root, Seeds.derive(root, 1));
    }

    @Test
    void everyEpochAndShardGetsItsOwnSeed() {
        Set<Long> seeds = new HashSet<>();
        for (int epoch = 0; epoch < 100; epoch++) {
            for (int shard = 0; shard < 64; shard++) {
                seeds.add(Seeds.derive(7L, Permutations.EPOCH_STREAM, epoch, shard));
            }
        }
        for (int shard = 0; shard < 64; shard++) {
            seeds.add(Seeds.derive(7L, Permutations.SPLIT_STREAM, shard));
        }
        assertEquals(100 * 64 + 64, seeds.size());
    }

    @Test
    void neighbouringRootsGiveUnrelatedSeeds() {
        // A one-bit change of the root should flip about half of the derived bits.
        long flipped = 0;
        int trials = 0;
        for (long root = 1; root <= 16; root++) {
            for (int bit = 0; bit < 64; bit++) {
                flipped += Long.bitCount(Seeds.derive(root, 1) ^ Seeds.derive(root ^ (1L << bit), 1));
                trials++;
            }
        }
        double mean = (double) flipped / trials;
        assertTrue(mean > 30 && mean < 34, "mean flipped bits " + mean);
    }
}
