package io.sparkdp.driver.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.AveragingConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The outer step against its formula, worked by hand in plain Java: u = beta u + (start - mean), next = start - alpha u. */
class SlowMomentumTest {
    private static INDArray row(double... values) {
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }

    @Test
    void plainAveragingReturnsTheMeanItselfAndKeepsNoState() {
        SlowMomentum plain = new SlowMomentum(AveragingConfig.PLAIN);
        INDArray mean = row(0.1, 0.2, 0.3);
        assertSame(mean, plain.next(row(1, 2, 3), mean));
        assertTrue(plain.state().isEmpty());
    }

    @Test
    void threeRoundsFollowTheFormula() {
        double alpha = 0.7;
        double beta = 0.5;
        SlowMomentum outer = new SlowMomentum(new AveragingConfig(alpha, beta));
        double[] start = {1.0, -2.0};
        double[][] means = {{0.5, -1.0}, {0.2, -0.5}, {0.3, 0.25}};
        double[] u = {0, 0};
        for (double[] mean : means) {
            INDArray got = outer.next(row(start), row(mean));
            double[] expected = new double[2];
            for (int i = 0; i < 2; i++) {
                u[i] = beta * u[i] + (start[i] - mean[i]);
                expected[i] = start[i] - alpha * u[i];
            }
            assertArrayEquals(expected, got.toDoubleVector(), 1e-15);
            assertArrayEquals(u, outer.state().orElseThrow().toDoubleVector(), 1e-15);
            start = expected;
        }
    }

    @Test
    void anOuterLearningRateWithoutMomentumExtrapolatesAndKeepsNoState() {
        SlowMomentum outer = new SlowMomentum(new AveragingConfig(2, 0));
        assertArrayEquals(new double[] {0, 6}, outer.next(row(1, 2), row(0.5, 4)).toDoubleVector(), 1e-15);
        assertTrue(outer.state().isEmpty());
    }

    @Test
    void aRestoredBufferContinuesExactlyAsTheOriginal() {
        AveragingConfig config = new AveragingConfig(1, 0.6);
        SlowMomentum original = new SlowMomentum(config);
        original.next(row(1, 1, 1), row(0.5, 0.9, 1.2));
        SlowMomentum restored = new SlowMomentum(config);
        restored.restore(Nd4j.fromByteArray(toBytes(original.state().orElseThrow())), 3);

        INDArray start = row(0.4, 0.8, 1.3);
        INDArray mean = row(0.1, 0.7, 1.5);
        assertArrayEquals(original.next(start, mean).toDoubleVector(), restored.next(start, mean).toDoubleVector(), 0);
        assertArrayEquals(original.state().orElseThrow().toDoubleVector(), restored.state().orElseThrow().toDoubleVector(), 0);
    }

    @Test
    void aBufferThatDoesNotFitIsRefused() {
        INDArray saved = Nd4j.zeros(DataType.FLOAT, 4);
        var wrongSize = assertThrows(IllegalArgumentException.class, () -> new SlowMomentum(new AveragingConfig(1, 0.5)).restore(saved, 5));
        assertTrue(wrongSize.getMessage().contains("4 values does not fit a network of 5 parameters"), wrongSize.getMessage());
        var noMomentum = assertThrows(IllegalArgumentException.class, () -> new SlowMomentum(AveragingConfig.PLAIN).restore(saved, 4));
        assertTrue(noMomentum.getMessage().contains("--outer-momentum is 0"), noMomentum.getMessage());
    }

    private static byte[] toBytes(INDArray array) {
        try {
            return Nd4j.toByteArray(array);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
