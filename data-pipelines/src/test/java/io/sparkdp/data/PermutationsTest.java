package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermutationsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 10, 1000, 60000})
    void ofIsAPermutation(int n) {
        assertPermutation(n, Permutations.of(n, 123L));
    }

    @Test
    void ofIsDeterministicAndSeedDependent() {
        assertArrayEquals(Permutations.of(1000, 9L), Permutations.of(1000, 9L));
        assertFalse(Arrays.equals(Permutations.of(1000, 9L), Permutations.of(1000, 10L)));
        assertFalse(Arrays.equals(IntStream.range(0, 1000).toArray(), Permutations.of(1000, 9L)), "must shuffle");
    }

    @Test
    void everyOrderOfThreeIsEquallyLikely() {
        // Catches the classic off-by-one (Sattolo's algorithm), which never yields the identity.
        Map<String, Integer> counts = new HashMap<>();
        for (long seed = 0; seed < 6000; seed++) {
            counts.merge(Arrays.toString(Permutations.of(3, Seeds.derive(seed))), 1, Integer::sum);
        }
        assertEquals(6, counts.size(), counts.toString());
        counts.values().forEach(c -> assertTrue(c > 800 && c < 1200, counts.toString()));
    }

    @Test
    void epochOrderIsADeterministicPermutation() {
        int[] order = Permutations.epochOrder(42L, 3, 1, 7500);
        assertPermutation(7500, order);
        assertArrayEquals(order, Permutations.epochOrder(42L, 3, 1, 7500));
    }

    @Test
    void epochOrderDiffersAcrossEpochsShardsAndSeeds() {
        int[] base = Permutations.epochOrder(42L, 0, 0, 500);
        assertFalse(Arrays.equals(base, Permutations.epochOrder(42L, 1, 0, 500)), "next epoch");
        assertFalse(Arrays.equals(base, Permutations.epochOrder(42L, 0, 1, 500)), "next shard");
        assertFalse(Arrays.equals(base, Permutations.epochOrder(43L, 0, 0, 500)), "another seed");
        assertFalse(Arrays.equals(Permutations.epochOrder(42L, 1, 0, 500), Permutations.epochOrder(42L, 0, 1, 500)),
                "epoch and shard are not interchangeable");
    }

    @Test
    void epochOrderIsNotTheSplitPermutation() {
        long seed = 42L;
        assertFalse(Arrays.equals(Permutations.of(500, Seeds.derive(seed, Permutations.SPLIT_STREAM)),
                Permutations.epochOrder(seed, 0, 0, 500)));
    }

    private static void assertPermutation(int n, int[] p) {
        assertEquals(n, p.length);
        assertArrayEquals(IntStream.range(0, n).toArray(), IntStream.of(p).sorted().toArray());
    }
}
