package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Evaluates a block with given parameters, in minibatches, on the executor that holds it. */
public final class EvaluationWorker {
    private EvaluationWorker() {
    }

    /** Adds every example of {@code block} to {@code acc}, {@code batchSize} at a time. */
    public static EvaluationAccumulator accumulate(EvaluationAccumulator acc, ExampleBlock block, int batchSize,
                                                   FlatVector parameters, WorkerContext context) {
        if (block.size() == 0) {
            return acc;
        }
        try (NetworkPool.Lease lease = NetworkPool.borrow(context)) {
            MultiLayerNetwork network = lease.network();
            parameters.copyInto(network.params());
            for (int from = 0; from < block.size(); from += batchSize) {
                Minibatch batch = block.range(from, Math.min(from + batchSize, block.size()));
                DataSet data = Batches.toDataSet(batch, network.getLayerWiseConfigurations().getDataType());
                INDArray predictions = network.output(data.getFeatures(), false);
                double lossSum = network.score(data, false) * batch.size();
                acc.add(data.getLabels(), predictions, lossSum);
            }
            network.clear();
            return acc;
        }
    }
}
