package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.models.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Computes one shard's share of a synchronous round: the sum of per-example gradients of this
 * round's minibatch at the broadcast parameters. DL4J leaves the gradient view holding that sum;
 * its updater divides by the batch size, which the driver does once for the global batch.
 * <p>
 * The entries that carry running statistics ({@link Network#stateEntries()}, batch
 * normalisation's mean and variance) are a per-batch value, not a sum; they are weighed by the
 * batch size here, so that the driver's division by the global batch averages them by examples
 * rather than summing them over workers.
 * <p>
 * Dropout masks and other in-network noise draw from ND4J's random stream, reseeded from the run
 * seed for this round and shard ({@link RoundTask#seedRandomness}), so the gradient is reproducible.
 */
public final class GradientWorker {
    private GradientWorker() {
    }

    /** Adds the block's contribution for {@code task} to {@code acc}. */
    public static GradientAccumulator accumulate(GradientAccumulator acc, ExampleBlock block, RoundTask task,
                                                 FlatVector parameters, WorkerContext context) {
        return accumulate(acc, block, new PhaseTask(task, 0), parameters, context);
    }

    /**
     * One phase of a round of a model trained in phases ({@link Network#phases()}).
     *
     * @param round the round
     * @param phase which of the network's phases, from 0
     */
    public record PhaseTask(RoundTask round, int phase) implements java.io.Serializable {
    }

    /** Adds the block's gradient of {@code task}'s phase at {@code parameters} to {@code acc}. */
    public static GradientAccumulator accumulate(GradientAccumulator acc, ExampleBlock block, PhaseTask phaseTask,
                                                 FlatVector parameters, WorkerContext context) {
        RoundTask task = phaseTask.round();
        int phase = phaseTask.phase();
        FaultInjection.beforeShard(task, block.shard());
        Minibatch batch = task.slice(block);
        if (batch.size() == 0) {
            return acc.addEmpty(block.shard());
        }
        try (NetworkPool.Lease lease = NetworkPool.borrow(context)) {
            Network network = lease.model();
            DataSet data = Batches.toDataSet(batch, network.dataType());
            PhaseTimer timer = new PhaseTimer();
            double loss = timer.time(Phase.COMPUTE, () -> {
                parameters.copyInto(network.params());
                task.seedRandomness(block.shard(), 0, phase);
                double score = network.computeGradientAndScore(data, phase);
                network.stateEntries().forEach(entry -> entry.muli(batch.size()));
                return score;
            });
            INDArray gradient = network.gradientView();
            double lossSum = loss * batch.size();
            acc.add(block.shard(), gradient, lossSum, batch.size(), timer.nanos(Phase.COMPUTE));
            network.clear();
            return acc;
        }
    }
}
