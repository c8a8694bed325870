package io.sparkdp.driver.strategy;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.GradientAccumulator;
import io.sparkdp.worker.GradientWorker;
import io.sparkdp.worker.Phase;
import io.sparkdp.worker.PhaseTimer;
import io.sparkdp.worker.RoundTask;
import io.sparkdp.worker.WorkerContext;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel SGD: every round the driver broadcasts the parameters, each shard
 * sums the gradients of its slice of the global minibatch, {@code treeAggregate} adds them up,
 * and the driver applies its optimizer once to the mean, after clipping the mean as the run's
 * {@link WorkerContext#clipping()} says (running statistics exempt, frozen layers left out). This equals single-machine training on the global minibatch.
 */
public final class SyncStrategy implements TrainingStrategy {
    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String jobDescription() {
        return "aggregate gradients";
    }

    @Override
    public RoundOutcome round(RoundContext context, RoundTask task) {
        PhaseTimer timer = new PhaseTimer();
        Broadcast<FlatVector> parameters = timer.time(Phase.BROADCAST,
                () -> context.spark().broadcast(FlatVector.of(context.network().params())));
        try {
            GradientAccumulator sum = timer.time(Phase.AGGREGATE,
                    () -> aggregate(context.shards(), task, parameters, context.worker(), context.aggregationDepth()));
            timer.move(Phase.AGGREGATE, Phase.COMPUTE, sum.slowestComputeNanos());
            RoundChecks.complete(sum.tally(), context.shardCount());
            Optional<String> problem = RoundChecks.divergence(sum.tally(), sum.gradientSum());
            if (problem.isPresent()) {
                return new RoundOutcome.Diverged(problem.get());
            }
            timer.time(Phase.UPDATE,
                    () -> context.network().applyGradient(sum.gradientSum(), sum.examples(), context.worker().clipping()));
            return new RoundOutcome.Completed(sum.examples(), sum.meanLoss(), timer);
        } finally {
            parameters.destroy();
        }
    }

    /** Kept static so the closure captures only what it names, never the driver's network. */
    private static GradientAccumulator aggregate(JavaRDD<ExampleBlock> shards, RoundTask task,
                                                 Broadcast<FlatVector> parameters, WorkerContext worker, int depth) {
        return Aggregation.treeAggregate(shards, GradientAccumulator.empty(),
                (acc, block) -> GradientWorker.accumulate(acc, block, task, parameters.value(), worker),
                GradientAccumulator::merge, depth);
    }
}
