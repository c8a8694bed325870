package io.sparkdp.worker;

import static io.sparkdp.worker.FlatVectorTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The regression sums, merged in pieces as a tree aggregate merges them, against a direct two-pass computation. */
class RegressionAccumulatorTest {
    private static final int EXAMPLES = 500;
    private static final int TARGETS = 2;

    /** Targets far from 0 (where a one-pass sum of squares would cancel), and noisy predictions of them. */
    private static double[][][] data(long seed) {
        Random random = new Random(seed);
        double[][] y = new double[EXAMPLES][TARGETS];
        double[][] p = new double[EXAMPLES][TARGETS];
        for (int i = 0; i < EXAMPLES; i++) {
            y[i][0] = 1e6 + 3 * random.nextGaussian();
            p[i][0] = y[i][0] + random.nextGaussian();
            y[i][1] = random.nextDouble();
            p[i][1] = 0.5 + 0.1 * random.nextGaussian();
        }
        return new double[][][] {y, p};
    }

    /** MSE, MAE and R² of target {@code t} by their definitions, in two passes. */
    private static double[] direct(double[][] y, double[][] p, int t) {
        double mean = 0;
        for (double[] row : y) {
            mean += row[t] / y.length;
        }
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (y[i][t] - p[i][t]) * (y[i][t] - p[i][t]);
            sae += Math.abs(y[i][t] - p[i][t]);
            sst += (y[i][t] - mean) * (y[i][t] - mean);
        }
        return new double[] {sse / y.length, sae / y.length, 1 - sse / sst};
    }

    private static INDArray rows(double[][] values, int from, int to) {
        double[][] slice = java.util.Arrays.copyOfRange(values, from, to);
        return Nd4j.create(slice).castTo(DataType.DOUBLE);
    }

    @Test
    void metricsMergedFromUnevenPiecesEqualTheDirectComputation() throws Exception {
        double[][][] d = data(11);
        int[] cuts = {0, 1, 120, 121, 333, EXAMPLES};
        RegressionAccumulator[] parts = {RegressionAccumulator.empty(TARGETS, 50), RegressionAccumulator.empty(TARGETS, 50),
                RegressionAccumulator.empty(TARGETS, 50)};
        for (int i = 0; i + 1 < cuts.length; i++) {
            parts[i % 3].add(rows(d[0], cuts[i], cuts[i + 1]), rows(d[1], cuts[i], cuts[i + 1]), cuts[i + 1] - cuts[i]);
        }
        RegressionMetrics merged = roundTrip(RegressionAccumulator.empty(TARGETS, 50)).merge(roundTrip(parts[0]))
                .merge(parts[1]).merge(roundTrip(parts[2])).metrics(0.25);

        assertEquals(EXAMPLES, merged.examples());
        assertEquals(1.25, merged.loss(), 1e-12, "mean of a summed loss of 1 per example, plus the penalty");
        for (int t = 0; t < TARGETS; t++) {
            double[] expected = direct(d[0], d[1], t);
            assertEquals(expected[0], merged.mse()[t], 1e-9 * expected[0], "MSE of target " + t);
            assertEquals(Math.sqrt(expected[0]), merged.rmse(t), 1e-9, "RMSE of target " + t);
            assertEquals(expected[1], merged.mae()[t], 1e-9 * expected[1], "MAE of target " + t);
            assertEquals(expected[2], merged.r2()[t], 1e-9, "R² of target " + t);
        }
        assertTrue(merged.r2()[0] > 0.8 && merged.r2()[1] < 0, "a good and a worse-than-the-mean prediction: " + merged);
        assertEquals((merged.r2()[0] + merged.r2()[1]) / 2, merged.rSquared(), 1e-15);
        assertEquals(Math.sqrt((merged.mse()[0] + merged.mse()[1]) / 2), merged.rootMeanSquaredError(), 1e-12);
    }

    @Test
    void theMeanPredictsWithRSquaredZeroAndAConstantTargetCountsAsScikitLearnDoes() {
        double[][] y = {{1, 5}, {2, 5}, {3, 5}, {6, 5}};
        double[][] mean = {{3, 5}, {3, 5}, {3, 5}, {3, 5}};
        RegressionMetrics m = RegressionAccumulator.empty(2, 10).add(y, mean, 0).metrics(0);
        assertEquals(0, m.r2()[0], 1e-15);
        assertEquals(1, m.r2()[1], "a constant target predicted exactly");
        double[][] off = {{3, 4}, {3, 4}, {3, 4}, {3, 4}};
        assertEquals(0, RegressionAccumulator.empty(2, 10).add(y, off, 0).metrics(0).r2()[1], "a constant target missed");
        assertTrue(Double.isNaN(RegressionAccumulator.empty(2, 10).metrics(0).rSquared()), "nothing evaluated");
    }

    @Test
    void varianceWeightedRSquaredPoolsTheErrorsSoANearlyConstantTargetCannotSwingIt() {
        // target 0 spreads widely and is predicted well; target 1 barely varies and is missed by a little
        double[][] y = {{0, 0.50}, {10, 0.51}, {20, 0.50}, {30, 0.51}};
        double[][] p = {{1, 0.55}, {9, 0.55}, {21, 0.55}, {29, 0.55}};
        RegressionMetrics m = RegressionAccumulator.empty(2, 10).add(y, p, 0).metrics(0);

        double sse = 4 * 1 + (0.05 * 0.05 + 0.04 * 0.04) * 2;
        double sst = 500 + 4 * 0.005 * 0.005;
        assertEquals(1 - sse / sst, m.varianceWeightedR2(), 1e-12);
        assertTrue(m.r2()[1] < -10 && m.rSquared() < -5, "the uniform average is swung: " + m.rSquared());
        assertTrue(m.varianceWeightedR2() > 0.99, "pooled " + m.varianceWeightedR2());
    }

    @Test
    void mismatchedShapesAndTargetCountsAreRefused() {
        RegressionAccumulator acc = RegressionAccumulator.empty(2, 10);
        assertThrows(IllegalArgumentException.class, () -> acc.add(Nd4j.zeros(3, 2), Nd4j.zeros(3, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> acc.merge(RegressionAccumulator.empty(1, 10)));
        assertThrows(IllegalArgumentException.class, () -> RegressionAccumulator.empty(0, 10));
    }
}
