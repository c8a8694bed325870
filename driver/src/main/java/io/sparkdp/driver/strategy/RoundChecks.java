package io.sparkdp.driver.strategy;

import io.sparkdp.worker.ShardTally;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checks every strategy makes on a round's result before it touches the driver's network. */
final class RoundChecks {
    private RoundChecks() {
    }

    /** Every shard counted exactly once (the tally refuses doubles), and some examples seen. */
    static void complete(ShardTally tally, int shards) {
        if (tally.shardCount() != shards) {
            throw new IllegalStateException("round counted " + tally.shardCount() + " of " + shards + " shards");
        }
        if (tally.examples() == 0) {
            throw new IllegalStateException("round had no examples on any shard");
        }
    }

    /** Why the round must not be kept, if its loss or {@code vector} holds a non-finite value. */
    static Optional<String> divergence(ShardTally tally, INDArray vector) {
        if (!Double.isFinite(tally.meanLoss())) {
            return Optional.of("the training loss is " + tally.meanLoss());
        }
        if (!Double.isFinite(vector.sumNumber().doubleValue())) {
            return Optional.of("the round's result holds non-finite values");
        }
        return Optional.empty();
    }
}
