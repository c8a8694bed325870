package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.RoundTask;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The oracle for local SGD, on one machine and independent of the strategy's code: each round,
 * every shard clones the current model, fits its next minibatches, and the model becomes the
 * example-weighted mean of the clones' parameters and optimizer states.
 */
final class LocalSgdReference {
    private LocalSgdReference() {
    }

    static MultiLayerNetwork train(TrainConfig config, DataType dataType) {
        ReferenceSetup setup = ReferenceSetup.of(config, dataType);
        List<ExampleBlock> shards = setup.shards();
        MultiLayerNetwork model = setup.model();
        int rounds = setup.rounds(config);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int round = 0; round < rounds; round++) {
                RoundTask task = new RoundTask(epoch, round, config.shardBatch(), config.localSteps(), config.seed());
                averageInto(model, shards.stream().map(shard -> fitLocally(model, shard, task, dataType)).toList());
            }
            model.incrementEpochCount();
        }
        return model;
    }

    private record Local(MultiLayerNetwork network, long examples) {
    }

    private static Local fitLocally(MultiLayerNetwork model, ExampleBlock shard, RoundTask task, DataType dataType) {
        MultiLayerNetwork copy = model.clone();
        copy.setListeners(model.getListeners());
        long examples = 0;
        for (int step = 0; step < task.localSteps(); step++) {
            Minibatch batch = task.slice(shard, step);
            if (batch.size() > 0) {
                task.seedRandomness(shard.shard(), step);
                copy.fit(Batches.toDataSet(batch, dataType));
                examples += batch.size();
            }
        }
        return new Local(copy, examples);
    }

    private static void averageInto(MultiLayerNetwork model, List<Local> locals) {
        long total = locals.stream().mapToLong(Local::examples).sum();
        INDArray params = model.params().mul(0);
        INDArray state = model.getUpdater().getStateViewArray().mul(0);
        int iterations = model.getIterationCount();
        for (Local local : locals) {
            if (local.examples() > 0) {
                params.addi(local.network().params().mul(local.examples()));
                state.addi(local.network().getUpdater().getStateViewArray().mul(local.examples()));
                iterations = Math.max(iterations, local.network().getIterationCount());
            }
        }
        model.params().assign(params.div(total));
        model.getUpdater().getStateViewArray().assign(state.div(total));
        model.setIterationCount(iterations);
    }
}
