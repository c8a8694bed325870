package io.sparkdp.driver.strategy;

import io.sparkdp.worker.PhaseTimer;

/** What a round came to: completed with statistics, or diverged and must not be kept. */
public sealed interface RoundOutcome {
    /**
     * The round updated the network.
     *
     * @param examples examples in the global minibatch
     * @param meanLoss mean training loss over them, before the update
     * @param timer    time spent per phase
     */
    record Completed(long examples, double meanLoss, PhaseTimer timer) implements RoundOutcome {
    }

    /**
     * The loss or gradient was not finite; the network was left as it was before the round.
     *
     * @param reason what was not finite
     */
    record Diverged(String reason) implements RoundOutcome {
    }
}
