package io.sparkdp.driver.strategy;

import io.sparkdp.models.network.Network;
import io.sparkdp.worker.RoundTask;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /**
     * State the strategy keeps on the driver between rounds besides the network (the slow
     * momentum of {@code average}), as a flat vector for a checkpoint, valid until the next round;
     * empty when it keeps none.
     */
    default Optional<INDArray> state() {
        return Optional.empty();
    }

    /**
     * Puts back what {@link #state()} gave, before the first round of a resumed run.
     *
     * @throws IllegalArgumentException when this strategy keeps no such state, or it does not fit {@code network}
     */
    default void restore(INDArray state, Network network) {
        throw new IllegalArgumentException("the checkpoint holds driver state of a strategy, but " + name() + " keeps none");
    }
}
