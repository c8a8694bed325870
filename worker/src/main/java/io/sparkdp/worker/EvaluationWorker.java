package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.models.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Evaluates a block with given parameters, in minibatches, on the executor that holds it. */
public final class EvaluationWorker {
    private EvaluationWorker() {
    }

    /**
     * Adds every example of {@code block} to {@code acc}, by its plan's batch size at a time: one
     * forward pass per minibatch, and a second one for the loss only where the plan says the loss
     * is not the log loss of the output.
     */
    public static EvaluationAccumulator accumulate(EvaluationAccumulator acc, ExampleBlock block, FlatVector parameters,
                                                   WorkerContext context) {
        if (block.size() == 0) {
            return acc;
        }
        EvaluationPlan plan = acc.plan();
        try (NetworkPool.Lease lease = NetworkPool.borrow(context)) {
            Network network = lease.model();
            parameters.copyInto(network.params());
            for (int from = 0; from < block.size(); from += plan.batchSize()) {
                Minibatch batch = block.range(from, Math.min(from + plan.batchSize(), block.size()));
                DataSet data = Batches.toDataSet(batch, network.dataType());
                INDArray predictions = network.output(data.getFeatures());
                if (plan.lossIsLogLoss()) {
                    acc.addScoredByLogLoss(data.getLabels(), predictions);
                } else {
                    acc.add(data.getLabels(), predictions, network.scoreExamples(data).sumNumber().doubleValue());
                }
            }
            network.clear();
            return acc;
        }
    }
}
