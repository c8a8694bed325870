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
 * example-weighted mean of the clones' parameters and optimizer states. With an outer step
 * ({@link io.sparkdp.driver.config.AveragingConfig}) the parameters then move from the round's
 * start along the slow momentum of the moves to the mean: {@code u = beta u + (start - mean)},
 * {@code start - alpha u}.
 */
final class LocalSgdReference {
    private LocalSgdReference() {
    }

    static MultiLayerNetwork train(TrainConfig config, DataType dataType) {
        ReferenceSetup setup = ReferenceSetup.of(config, dataType);
        List<ExampleBlock> shards = setup.shards();
        MultiLayerNetwork model = setup.model();
        int rounds = setup.rounds(config);
        INDArray momentum = model.params().mul(0);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int round = 0; round < rounds; round++) {
                RoundTask task = new RoundTask(epoch, round, config.shardBatch(), config.localSteps(), config.seed());
                INDArray start = model.params().dup();
                averageInto(model, shards.stream().map(shard -> fitLocally(model, shard, task, dataType)).toList());
                if (!config.averaging().plain()) {
                    momentum.muli(config.averaging().outerMomentum()).addi(start.sub(model.params()));
                    model.params().assign(start.sub(momentum.mul(config.averaging().outerLearningRate())));
                }
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
