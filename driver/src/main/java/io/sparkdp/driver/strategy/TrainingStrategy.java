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

    /** What one round's Spark job does, for its description in the Spark UI, e.g. "aggregate gradients". */
    String jobDescription();

    RoundOutcome round(RoundContext context, RoundTask task);
}
