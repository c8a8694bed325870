package io.sparkdp.driver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.EarlyStoppingConfig.Metric;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationMetrics;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Early stopping's bookkeeping, epoch by epoch, without Spark. */
class EarlyStoppingStateTest {
    private static Optional<EvaluationMetrics> validation(double loss, double accuracy) {
        return Optional.of(new ClassificationMetrics(10, accuracy, loss, 0.5, 0.5, accuracy / 2, new long[][]{{5, 0}, {0, 5}},
                1, accuracy, loss));
    }

    /** The state after validations of (loss, accuracy) pairs, epoch 0 first. */
    private static EarlyStoppingState after(EarlyStoppingConfig config, double[][] epochs) {
        EarlyStoppingState state = EarlyStoppingState.NONE;
        for (int e = 0; e < epochs.length; e++) {
            state = state.after(e, validation(epochs[e][0], epochs[e][1]), config);
        }
        return state;
    }

    @Test
    void theLowestLossIsTheBestAndPatienceCountsTheEpochsSince() {
        EarlyStoppingConfig config = EarlyStoppingConfig.on(Metric.LOSS, 2);
        EarlyStoppingState state = after(config, new double[][]{{0.9, 0.5}, {0.6, 0.6}, {0.7, 0.7}});
        assertEquals(Optional.of(new EarlyStoppingState.Best(1, 0.6)), state.best());
        assertEquals(1, state.epochsWithoutImprovement());
        assertFalse(state.exhausted(config));
        EarlyStoppingState next = state.after(3, validation(0.65, 0.8), config);
        assertTrue(next.exhausted(config), "two epochs without a lower loss");
        assertTrue(next.after(4, validation(0.5, 0.8), config).bestIs(4), "a lower loss resets the count");
        assertFalse(next.exhausted(EarlyStoppingConfig.on(Metric.LOSS, 3)), "a larger patience given at a resume applies");
    }

    @Test
    void accuracyAndF1AreBetterHigherAndMinDeltaMustBeBeaten() {
        double[][] epochs = {{0.9, 0.50}, {0.8, 0.52}, {0.7, 0.56}};
        assertEquals(2, after(EarlyStoppingConfig.on(Metric.ACCURACY, 5), epochs).best().orElseThrow().epoch());
        assertEquals(2, after(EarlyStoppingConfig.on(Metric.F1, 5), epochs).best().orElseThrow().epoch());
        EarlyStoppingState delta = after(new EarlyStoppingConfig(5, Metric.ACCURACY, 0.03), epochs);
        assertEquals(new EarlyStoppingState.Best(2, 0.56), delta.best().orElseThrow(), "0.02 is no improvement, 0.06 is");
        assertEquals(0, delta.epochsWithoutImprovement());
        EarlyStoppingState strict = after(new EarlyStoppingConfig(5, Metric.ACCURACY, 0.07), epochs);
        assertEquals(0, strict.best().orElseThrow().epoch());
        assertEquals(2, strict.epochsWithoutImprovement());
    }

    @Test
    void aValueThatIsNotFiniteNeverImprovesAndOffChangesNothing() {
        EarlyStoppingConfig config = EarlyStoppingConfig.on(Metric.LOSS, 2);
        EarlyStoppingState state = after(config, new double[][]{{Double.NaN, 0.1}, {0.8, 0.5}, {Double.NaN, 0.1}});
        assertEquals(new EarlyStoppingState.Best(1, 0.8), state.best().orElseThrow());
        assertEquals(1, state.epochsWithoutImprovement());
        assertEquals(EarlyStoppingState.NONE, after(EarlyStoppingConfig.defaults(), new double[][]{{0.5, 0.5}}));
        assertFalse(EarlyStoppingState.NONE.exhausted(EarlyStoppingConfig.defaults()));
    }
}
