package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.RoundTask;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The oracle of the equivalence tests: plain single-machine DL4J {@code fit} on the minibatch
 * each round would form if all shards' slices were put together on one machine. It shares
 * nothing with the distributed path but the data plan and the model zoo.
 */
final class SingleMachineReference {
    private SingleMachineReference() {
    }

    static MultiLayerNetwork train(TrainConfig config, DataType dataType) {
        return trainNetwork(config, ReferenceSetup.of(config, dataType), dataType).asMultiLayer();
    }

    /** Trains {@code setup}'s model on its shards as the run {@code config} would, on one machine. */
    static MultiLayerNetwork train(TrainConfig config, ReferenceSetup setup, DataType dataType) {
        return trainNetwork(config, setup, dataType).asMultiLayer();
    }

    /** As {@link #train}, for a network of either kind. */
    static Network trainNetwork(TrainConfig config, DataType dataType) {
        return trainNetwork(config, ReferenceSetup.of(config, dataType), dataType);
    }

    /** As {@link #train(TrainConfig, ReferenceSetup, DataType)}, for a network of either kind. */
    static Network trainNetwork(TrainConfig config, ReferenceSetup setup, DataType dataType) {
        List<ExampleBlock> shards = setup.shards();
        Network network = setup.network();
        int rounds = setup.rounds(config);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int round = 0; round < rounds; round++) {
                RoundTask task = new RoundTask(epoch, round, config.shardBatch(), config.seed());
                List<DataSet> parts = new ArrayList<>();
                for (ExampleBlock shard : shards) {
                    var slice = task.slice(shard);
                    if (slice.size() > 0) {
                        parts.add(Batches.toDataSet(slice, dataType));
                    }
                }
                task.seedRandomness(0, 0); // as the one worker of a run seeds its dropout
                network.fit(DataSet.merge(parts));
            }
            network.incrementEpochCount();
        }
        return network;
    }
}
