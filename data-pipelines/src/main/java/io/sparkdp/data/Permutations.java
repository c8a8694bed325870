package io.sparkdp.data;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles, the only source of data order in sparkdp. */
public final class Permutations {
    /** Stream tags passed to {@link Seeds#derive}; each kind of shuffle draws from its own stream. */
    static final long SPLIT_STREAM = 1;
    static final long EPOCH_STREAM = 2;

    private Permutations() {
    }

    /** A uniformly random permutation of {@code 0..n-1} drawn from {@code seed}. */
    public static int[] of(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The order in which one shard visits its {@code n} local examples in one epoch: a fresh
     * permutation per (root seed, epoch, shard).
     */
    public static int[] epochOrder(long rootSeed, int epoch, int shard, int n) {
        return of(n, Seeds.derive(rootSeed, EPOCH_STREAM, epoch, shard));
    }
}
