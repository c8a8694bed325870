package io.sparkdp.data;

/**
 * Derives independent seeds from one root seed, so that every random choice of a run (the
 * split, each epoch's order on each shard) is reproducible and none shares a stream with
 * another. Uses the SplitMix64 finaliser, a bijective mix with good avalanche.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for the child named by {@code path} under {@code root}. */
    public static long derive(long root, long... path) {
        long h = mix(root);
        for (long p : path) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
