package io.sparkdp.driver.strategy;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.GradientAccumulator;
import io.sparkdp.worker.GradientWorker;
import io.sparkdp.worker.ModelSnapshot;
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
 * <p>
 * A model trained in phases ({@link Network#phases()}: a GAN's discriminator, then its
 * generator) takes one such broadcast, aggregation and update per phase, in order, each phase's
 * gradient computed at the parameters the phase before it left; the round's loss is the sum of
 * the phases' mean losses.
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
        Network network = context.network();
        // A later phase that diverges must leave the network as the round found it, earlier phases undone.
        Optional<ModelSnapshot> before = network.phases() > 1 ? Optional.of(ModelSnapshot.of(network)) : Optional.empty();
        long examples = 0;
        double loss = 0;
        for (int phase = 0; phase < network.phases(); phase++) {
            GradientAccumulator sum = phase(context, new GradientWorker.PhaseTask(task, phase), timer);
            Optional<String> problem = RoundChecks.divergence(sum.tally(), sum.gradientSum());
            if (problem.isPresent()) {
                before.ifPresent(snapshot -> snapshot.applyTo(network));
                return new RoundOutcome.Diverged(problem.get());
            }
            int current = phase;
            timer.time(Phase.UPDATE,
                    () -> network.applyGradient(sum.gradientSum(), sum.examples(), context.worker().clipping(), current));
            examples = sum.examples();
            loss += sum.meanLoss();
        }
        return new RoundOutcome.Completed(examples, loss, timer);
    }

    /** One broadcast, aggregation and check of one phase's gradient; the broadcast is destroyed before it returns. */
    private static GradientAccumulator phase(RoundContext context, GradientWorker.PhaseTask task, PhaseTimer timer) {
        Broadcast<FlatVector> parameters = timer.time(Phase.BROADCAST,
                () -> context.spark().broadcast(FlatVector.of(context.network().params())));
        try {
            GradientAccumulator sum = timer.time(Phase.AGGREGATE,
                    () -> aggregate(context.shards(), task, parameters, context.worker(), context.aggregationDepth()));
            timer.move(Phase.AGGREGATE, Phase.COMPUTE, sum.slowestComputeNanos());
            RoundChecks.complete(sum.tally(), context.shardCount());
            return sum;
        } finally {
            parameters.destroy();
        }
    }

    /** Kept static so the closure captures only what it names, never the driver's network. */
    private static GradientAccumulator aggregate(JavaRDD<ExampleBlock> shards, GradientWorker.PhaseTask task,
                                                 Broadcast<FlatVector> parameters, WorkerContext worker, int depth) {
        return Aggregation.treeAggregate(shards, GradientAccumulator.empty(),
                (acc, block) -> GradientWorker.accumulate(acc, block, task, parameters.value(), worker),
                GradientAccumulator::merge, depth);
    }
}
