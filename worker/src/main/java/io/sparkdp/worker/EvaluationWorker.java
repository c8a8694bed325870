package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.SiameseNetwork;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Evaluates a block with given parameters, in minibatches, on the executor that holds it. */
public final class EvaluationWorker {
    private EvaluationWorker() {
    }

    /** What one minibatch adds to an accumulator, from the network at the evaluated parameters. */
    @FunctionalInterface
    private interface BatchSink {
        void add(Network network, DataSet data);
    }

    /**
     * Adds every example of {@code block} to {@code acc}, by its plan's batch size at a time: one
     * forward pass per minibatch, and a second one for the loss only where the plan says the loss
     * is not the log loss of the output.
     */
    public static EvaluationAccumulator accumulate(EvaluationAccumulator acc, ExampleBlock block, FlatVector parameters,
                                                   WorkerContext context) {
        EvaluationPlan plan = acc.plan();
        forEachBatch(block, plan.batchSize(), parameters, context, (network, data) -> {
            INDArray predictions = network.output(data);
            if (data.getLabels().rank() == 3) {
                acc.addSequences(data.getLabels(), predictions, data.getLabelsMaskArray());
            }
            if (plan.lossIsLogLoss()) {
                acc.addScoredByLogLoss(realSteps(data.getLabels(), data), realSteps(predictions, data));
            } else {
                acc.add(realSteps(data.getLabels(), data), realSteps(predictions, data),
                        network.scoreExamples(data).sumNumber().doubleValue());
            }
        });
        return acc;
    }

    /**
     * Adds every example of {@code block}, a block of regression targets, to {@code acc}, by its
     * batch size at a time; targets per time step count each real step as one example.
     */
    public static RegressionAccumulator accumulate(RegressionAccumulator acc, ExampleBlock block, FlatVector parameters,
                                                   WorkerContext context) {
        forEachBatch(block, acc.batchSize(), parameters, context, (network, data) ->
                acc.add(realSteps(data.getLabels(), data), realSteps(network.output(data), data),
                        network.scoreExamples(data).sumNumber().doubleValue()));
        return acc;
    }

    /**
     * Adds the pairs of every minibatch of {@code block}, by the accumulator's batch size at a
     * time, to {@code acc}: each example paired inside its minibatch as the Siamese network pairs
     * evaluation examples ({@link SiameseNetwork#scorePairs}).
     */
    public static PairRankingAccumulator accumulate(PairRankingAccumulator acc, ExampleBlock block, FlatVector parameters,
                                                    WorkerContext context) {
        forEachBatch(block, acc.batchSize(), parameters, context, (network, data) -> {
            SiameseNetwork.PairScores scores = ((SiameseNetwork) network).scorePairs(data);
            acc.add(scores.distances(), scores.same(), java.util.Arrays.stream(scores.losses()).sum());
        });
        return acc;
    }

    /**
     * Labels or outputs as rows of classes or targets: as they are for one label per example; for
     * labels per time step ({@code [examples, classes, steps]}) one row per real step, padded steps left out,
     * so that every metric counts time steps.
     */
    static INDArray realSteps(INDArray perStep, DataSet data) {
        if (perStep.rank() != 3) {
            return perStep;
        }
        long classes = perStep.size(1);
        INDArray rows = perStep.permute(0, 2, 1).dup('c').reshape('c', perStep.size(0) * perStep.size(2), classes);
        INDArray mask = data.getLabelsMaskArray();
        if (mask == null) {
            return rows;
        }
        float[] real = NativeArrays.floats(mask.castTo(DataType.FLOAT));
        return rows.getRows(IntStream.range(0, real.length).filter(i -> real[i] != 0).toArray());
    }

    /** Runs {@code sink} on each minibatch of {@code block}, with the network at {@code parameters}. */
    private static void forEachBatch(ExampleBlock block, int batchSize, FlatVector parameters, WorkerContext context,
                                     BatchSink sink) {
        if (block.size() == 0) {
            return;
        }
        try (NetworkPool.Lease lease = NetworkPool.borrow(context)) {
            Network network = lease.model();
            parameters.copyInto(network.params());
            for (int from = 0; from < block.size(); from += batchSize) {
                Minibatch batch = block.range(from, Math.min(from + batchSize, block.size()));
                DataSet data = network.evaluationBatch(Batches.toDataSet(batch, network.dataType()));
                sink.add(network, data);
            }
            network.clear();
        }
    }
}
