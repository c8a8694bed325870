package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import java.util.List;
import io.sparkdp.models.network.Network;

/**
 * One shard's share of a local-SGD round: start from the broadcast snapshot (parameters and
 * optimizer state), take up to {@code task.localSteps()} optimizer steps with DL4J's own
 * {@code fit} on the shard's next minibatches, and add the resulting state to the accumulator.
 * Each local step clips its own gradient as the run's {@link WorkerContext#clipping()} says, and
 * draws its dropout masks from ND4J's random stream reseeded for that step ({@link RoundTask#seedRandomness}).
 * A model trained in phases ({@link Network#phases()}, a GAN) takes every phase of a step, in
 * order, before the next step, each reseeded for its phase; its loss is the sum of the phases'.
 */
public final class LocalStepWorker {
    private LocalStepWorker() {
    }

    public static AveragingAccumulator accumulate(AveragingAccumulator acc, ExampleBlock block, RoundTask task,
                                                  ModelSnapshot start, WorkerContext context) {
        FaultInjection.beforeShard(task, block.shard());
        if (!task.hasExamples(block)) {
            return acc.addEmpty(block.shard());
        }
        try (NetworkPool.Lease lease = NetworkPool.borrow(context)) {
            Network network = lease.model();
            PhaseTimer timer = new PhaseTimer();
            network.setListeners(context.clipping().isNone() ? List.of() : List.of(context.clipping().listener()));
            AveragingAccumulator.LocalResult result = timer.time(Phase.COMPUTE, () -> train(network, block, task, start));
            acc.add(block.shard(), network.params(), network.updaterState().orElseGet(() -> FlatVector.empty().toArray()),
                    new AveragingAccumulator.LocalResult(result.examples(), result.lossSum(), result.steps(),
                            timer.nanos(Phase.COMPUTE)));
            network.clear();
            return acc;
        }
    }

    private static AveragingAccumulator.LocalResult train(Network network, ExampleBlock block, RoundTask task,
                                                          ModelSnapshot start) {
        start.applyTo(network);
        var dataType = network.dataType();
        int[] order = task.order(block);
        long examples = 0;
        double lossSum = 0;
        int steps = 0;
        for (int step = 0; step < task.localSteps(); step++) {
            Minibatch batch = task.slice(block, order, step);
            if (batch.size() == 0) {
                break;
            }
            var data = Batches.toDataSet(batch, dataType);
            for (int phase = 0; phase < network.phases(); phase++) {
                task.seedRandomness(block.shard(), step, phase);
                lossSum += network.fit(data, phase) * batch.size();
            }
            examples += batch.size();
            steps++;
        }
        return new AveragingAccumulator.LocalResult(examples, lossSum, steps, 0);
    }
}
