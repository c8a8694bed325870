package io.sparkdp.worker;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Computes one shard's share of a synchronous round: the sum of per-example gradients of this
 * round's minibatch at the broadcast parameters. DL4J leaves the gradient view holding that sum;
 * its updater divides by the batch size, which the driver does once for the global batch.
 */
public final class GradientWorker {
    private GradientWorker() {
    }

    /** Adds the block's contribution for {@code task} to {@code acc}. */
    public static GradientAccumulator accumulate(GradientAccumulator acc, ExampleBlock block, RoundTask task,
                                                 FlatVector parameters, WorkerContext context) {
        FaultInjection.beforeShard(task, block.shard());
        Minibatch batch = task.slice(block);
        if (batch.size() == 0) {
            return acc.addEmpty(block.shard());
        }
        try (NetworkPool.Lease lease = NetworkPool.borrow(context)) {
            MultiLayerNetwork network = lease.network();
            DataSet data = Batches.toDataSet(batch, network.getLayerWiseConfigurations().getDataType());
            PhaseTimer timer = new PhaseTimer();
            timer.time(Phase.COMPUTE, () -> {
                parameters.copyInto(network.params());
                network.setInput(data.getFeatures());
                network.setLabels(data.getLabels());
                network.computeGradientAndScore();
            });
            INDArray gradient = network.getGradientsViewArray();
            double lossSum = network.score() * batch.size();
            acc.add(block.shard(), gradient, lossSum, batch.size(), timer.nanos(Phase.COMPUTE));
            network.clear();
            return acc;
        }
    }
}
