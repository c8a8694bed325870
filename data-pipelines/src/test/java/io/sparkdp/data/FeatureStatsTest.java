package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The normalization statistics, without Spark: they equal a direct computation, in any merge order. */
class FeatureStatsTest {
    private static final int ROWS = 300;
    private static final int FEATURES = 4;

    /** Rows with feature 3 constant. */
    private static float[] values() {
        Random random = new Random(7);
        float[] v = new float[ROWS * FEATURES];
        for (int r = 0; r < ROWS; r++) {
            v[r * FEATURES] = (float) random.nextGaussian() * 3 + 10;
            v[r * FEATURES + 1] = random.nextFloat();
            v[r * FEATURES + 2] = r;
            v[r * FEATURES + 3] = 5f;
        }
        return v;
    }

    private static ExampleBlock block(int shard, float[] all, int from, int to) {
        int[] labels = new int[to - from];
        return ExampleBlock.ofValues(shard, FEATURES, 2, java.util.Arrays.copyOfRange(all, from * FEATURES, to * FEATURES), labels);
    }

    @Test
    void statisticsEqualADirectComputationWhateverTheMergeOrder() {
        float[] all = values();
        FeatureStats ab = FeatureStats.empty(FEATURES).add(block(0, all, 0, 100))
                .merge(FeatureStats.empty(FEATURES).add(block(1, all, 100, 300)));
        FeatureStats ba = FeatureStats.empty(FEATURES).add(block(1, all, 100, 300))
                .merge(FeatureStats.empty(FEATURES).add(block(0, all, 0, 100)));
        assertEquals(ROWS, ab.count());
        for (int j = 0; j < FEATURES; j++) {
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
            for (int r = 0; r < ROWS; r++) {
                min = Math.min(min, all[r * FEATURES + j]);
                max = Math.max(max, all[r * FEATURES + j]);
                sum += all[r * FEATURES + j];
            }
            double mean = sum / ROWS, squares = 0;
            for (int r = 0; r < ROWS; r++) {
                squares += (all[r * FEATURES + j] - mean) * (all[r * FEATURES + j] - mean);
            }
            double[][] s = ab.summary();
            assertEquals(min, s[0][j], 0);
            assertEquals(max, s[1][j], 0);
            assertEquals(mean, s[2][j], 1e-12 * Math.max(1, Math.abs(mean)));
            assertEquals(Math.sqrt(squares / ROWS), s[3][j], 1e-9);
        }
        assertEquals(ab.fit(Normalization.STANDARDIZE), ba.fit(Normalization.STANDARDIZE), "merged in shard order either way");
    }

    @Test
    void normalizedBlocksHaveUnitRangeOrUnitVarianceAndConstantFeaturesBecomeZero() {
        float[] all = values();
        FeatureStats stats = FeatureStats.empty(FEATURES).add(block(0, all, 0, ROWS));
        for (Normalization method : new Normalization[] {Normalization.MINMAX, Normalization.STANDARDIZE}) {
            Normalizer normalizer = stats.fit(method);
            Minibatch out = block(0, all, 0, ROWS).normalizedBy(normalizer).range(0, ROWS);
            double[][] s = FeatureStats.empty(FEATURES).add(ExampleBlock.ofValues(0, FEATURES, 2, out.features(), new int[ROWS])).summary();
            for (int j = 0; j < 3; j++) {
                if (method == Normalization.MINMAX) {
                    assertEquals(0, s[0][j], 1e-6);
                    assertEquals(1, s[1][j], 1e-6);
                } else {
                    assertEquals(0, s[2][j], 1e-5);
                    assertEquals(1, s[3][j], 1e-5);
                }
            }
            assertEquals(0, s[0][3], 0, "a constant feature is 0, not NaN");
            assertEquals(0, s[1][3], 0);
            assertEquals(1f, normalizer.scale()[3]);
        }
    }

    @Test
    void noneLeavesFeaturesAndFitsAnyWidth() {
        float[] all = values();
        Minibatch plain = block(0, all, 0, 10).range(0, 10);
        assertArrayEquals(plain.features(), block(0, all, 0, 10).normalizedBy(Normalizer.none()).range(0, 10).features());
        assertTrue(FeatureStats.empty(FEATURES).add(block(0, all, 0, 10)).fit(Normalization.NONE).identity());
        Minibatch raw = block(0, all, 0, 10).normalizedBy(FeatureStats.empty(FEATURES).add(block(0, all, 0, 10))
                .fit(Normalization.MINMAX)).raw(0, 10);
        assertArrayEquals(plain.features(), raw.features(), "raw rows are not normalised");
    }
}
