package io.sparkdp.driver.strategy;

import io.sparkdp.worker.RoundTask;

/**
 * How a round of training is distributed. The contract: {@link #round} leaves the context's
 * network updated exactly once by the examples {@code task} selects from every shard, or, when
 * it returns {@link RoundOutcome.Diverged}, unchanged; and it releases every broadcast it made.
 */
public interface TrainingStrategy {
    /** The name users pass to {@code --strategy}. */
    String name();

    RoundOutcome round(RoundContext context, RoundTask task);
}
