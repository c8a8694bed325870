package io.sparkdp.driver.strategy;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.config.AveragingConfig;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.Transfer;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.worker.AveragingAccumulator;
import io.sparkdp.worker.LocalStepWorker;
import io.sparkdp.worker.ModelSnapshot;
import io.sparkdp.worker.Phase;
import io.sparkdp.worker.PhaseTimer;
import io.sparkdp.worker.RoundTask;
import io.sparkdp.worker.WorkerContext;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Local SGD ("model averaging"): every round the driver broadcasts the parameters and the
 * optimizer state, each worker takes {@code task.localSteps()} steps of DL4J's own {@code fit} on
 * its shard, and the driver's optimizer state becomes the example-weighted mean of the workers'
 * optimizer states, and its parameters the example-weighted mean of theirs, or a step along the
 * slow momentum of the moves to that mean. The state is averaged too: a worker that kept its own
 * optimizer state would apply momentum built on parameters that no longer exist.
 * <p>
 * With one local step, plain SGD and {@link AveragingConfig#PLAIN} this equals {@link SyncStrategy}. With more steps the workers
 * drift apart between averages, which is what buys the speed: one Spark job per K steps.
 * <p>
 * The mean need not become the next model as it is: with an outer learning rate or slow momentum
 * ({@link AveragingConfig}; the plain mean is the default) the driver steps along the averaged
 * move ({@link SlowMomentum}), which it keeps between rounds and checkpoints carry ({@link #state()}).
 * Batch normalisation's running statistics are estimates, not parameters a step moves, and always
 * take the mean.
 */
public final class AverageStrategy implements TrainingStrategy {
    private final SlowMomentum outer;

    public AverageStrategy(AveragingConfig averaging) {
        this.outer = new SlowMomentum(averaging);
    }

    @Override
    public String name() {
        return "average";
    }

    @Override
    public String jobDescription() {
        return "average models";
    }

    @Override
    public RoundOutcome round(RoundContext context, RoundTask task) {
        PhaseTimer timer = new PhaseTimer();
        Network network = context.network();
        Broadcast<ModelSnapshot> start = timer.time(Phase.BROADCAST, () -> context.spark().broadcast(ModelSnapshot.of(network)));
        try {
            AveragingAccumulator sum = timer.time(Phase.AGGREGATE,
                    () -> aggregate(context.shards(), task, start, context.worker(), context.aggregationDepth()));
            timer.move(Phase.AGGREGATE, Phase.COMPUTE, sum.tally().slowestComputeNanos());
            RoundChecks.complete(sum.tally(), context.shardCount());
            INDArray meanParameters = sum.meanParameters();
            Optional<String> problem = RoundChecks.divergence(sum.tally(), meanParameters);
            if (problem.isPresent()) {
                return new RoundOutcome.Diverged(problem.get());
            }
            timer.time(Phase.UPDATE, () -> update(network, meanParameters.reshape(network.params().shape()), sum));
            return new RoundOutcome.Completed(sum.tally().examples(), sum.tally().meanLoss(), timer);
        } finally {
            start.destroy();
        }
    }

    private static AveragingAccumulator aggregate(JavaRDD<ExampleBlock> shards, RoundTask task,
                                                  Broadcast<ModelSnapshot> start, WorkerContext worker, int depth) {
        return Aggregation.treeAggregate(shards, AveragingAccumulator.empty(),
                (acc, block) -> LocalStepWorker.accumulate(acc, block, task, start.value(), worker),
                AveragingAccumulator::merge, depth);
    }

    @Override
    public Optional<INDArray> state() {
        return outer.state();
    }

    @Override
    public void restore(INDArray state, Network network) {
        outer.restore(state, network.numParams());
    }

    /**
     * The outer step from the workers' {@code mean} becomes the driver's parameters, except in running statistics, which take the
     * workers' mean, and in frozen layers: their workers' copies never moved, but an
     * example-weighted mean of equal values need not round back to the value, so the driver
     * keeps its own bit for bit. The optimizer state becomes the workers' mean.
     */
    private void update(Network network, INDArray mean, AveragingAccumulator sum) {
        List<INDArray> frozen = Transfer.frozenParameters(network);
        List<INDArray> kept = frozen.stream().map(INDArray::dup).toList();
        INDArray next = outer.next(network.params(), mean);
        if (next != mean) {
            keepMeanStatistics(network, next, mean);
        }
        network.params().assign(next);
        for (int i = 0; i < frozen.size(); i++) {
            frozen.get(i).assign(kept.get(i));
        }
        if (sum.hasUpdaterState()) {
            INDArray state = network.updaterState().orElseThrow(
                    () -> new IllegalStateException("workers returned optimizer state for a network whose optimizer keeps none"));
            state.assign(sum.meanUpdaterState().reshape(state.shape()));
        }
        network.setCounts(network.iteration() + sum.tally().maxSteps(), network.epoch());
    }

    /** Copies the running statistics' entries of {@code mean} into {@code next}: where the gradient view carries them. */
    private static void keepMeanStatistics(Network network, INDArray next, INDArray mean) {
        long base = network.gradientView().offset();
        INDArray flatNext = next.reshape(next.length());
        INDArray flatMean = mean.reshape(mean.length());
        for (INDArray entry : network.stateEntries()) {
            long from = entry.offset() - base;
            INDArrayIndex range = NDArrayIndex.interval(from, from + entry.length());
            flatNext.get(range).assign(flatMean.get(range));
        }
    }
}
