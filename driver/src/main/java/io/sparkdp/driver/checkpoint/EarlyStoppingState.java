package io.sparkdp.driver.checkpoint;

import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.worker.EvaluationMetrics;
import java.util.Optional;

/**
 * Where early stopping stands after the completed epochs: the best epoch so far by the watched
 * validation metric, and how many epochs since have not beaten it. Part of {@link TrainingState},
 * so that a resumed run stops at the same epoch as an uninterrupted one; the best epoch's model
 * itself is kept beside the checkpoint's ({@link CheckpointStore}). Immutable.
 *
 * @param best                     the best epoch so far; empty before the first finite value
 * @param epochsWithoutImprovement epochs since the best one (or since tracking began) that did not improve on it
 */
public record EarlyStoppingState(Optional<Best> best, int epochsWithoutImprovement) {
    /** Nothing tracked yet. */
    public static final EarlyStoppingState NONE = new EarlyStoppingState(Optional.empty(), 0);

    /**
     * The best epoch so far.
     *
     * @param epoch the epoch, from 0
     * @param value its value of the watched metric
     */
    public record Best(int epoch, double value) {
    }

    public EarlyStoppingState {
        best = best == null ? Optional.empty() : best; // a state written before early stopping existed
        if (epochsWithoutImprovement < 0) {
            throw new IllegalArgumentException("epochs without improvement cannot be negative: " + epochsWithoutImprovement);
        }
    }

    /** After epoch {@code epoch}'s validation; unchanged with early stopping off. */
    public EarlyStoppingState after(int epoch, Optional<EvaluationMetrics> validation, EarlyStoppingConfig config) {
        if (!config.enabled()) {
            return this;
        }
        double value = validation.map(config.metric()::of).orElse(Double.NaN);
        boolean improved = best.isEmpty() ? Double.isFinite(value)
                : config.metric().improves(value, best.get().value(), config.minDelta());
        return improved ? new EarlyStoppingState(Optional.of(new Best(epoch, value)), 0)
                : new EarlyStoppingState(best, epochsWithoutImprovement + 1);
    }

    /** Whether epoch {@code epoch} is the best so far, so that its model is the one to keep. */
    public boolean bestIs(int epoch) {
        return best.isPresent() && best.get().epoch() == epoch;
    }

    /** Whether {@code config}'s patience has run out. */
    public boolean exhausted(EarlyStoppingConfig config) {
        return config.enabled() && epochsWithoutImprovement >= config.patience();
    }
}
