package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.RoundTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
        Configuration hadoop = new Configuration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TRAIN, hadoop), hadoop);
        ShardPlan plan = ShardPlan.of(data.records(), config.limit(), config.validationSplit(), config.workers(), config.seed());
        List<ExampleBlock> shards = new ArrayList<>();
        for (int s = 0; s < plan.shards(); s++) {
            shards.add(data.readTrainShard(hadoop, plan, s));
        }
        MultiLayerNetwork network = ModelZoo.build(config.model(), new ModelRequest(new InputShape(1, data.height(), data.width()),
                data.source().numClasses(), config.seed(), config.optimizerConfig(), dataType));
        int rounds = RoundTask.roundsPerEpoch(plan.trainShardSize(0), config.shardBatch());
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
                network.fit(DataSet.merge(parts));
            }
            network.incrementEpochCount();
        }
        return network;
    }
}
