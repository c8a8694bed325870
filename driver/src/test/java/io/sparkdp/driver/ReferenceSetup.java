package io.sparkdp.driver;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.data.Task;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.worker.RoundTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the one-machine oracles start from: the run's shards read in this JVM by the same plan,
 * and a fresh model built as {@link TrainJob} builds it, clipping every gradient its own
 * {@code fit} computes as the configuration asks.
 *
 * @param plan   the data plan of the run
 * @param shards every training shard, in shard order
 * @param network the untrained model, of either kind
 */
record ReferenceSetup(ShardPlan plan, List<ExampleBlock> shards, Network network) {
    static ReferenceSetup of(TrainConfig config, DataType dataType) {
        Configuration hadoop = new Configuration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TRAIN, hadoop), hadoop);
        ShardPlan plan = ShardPlan.of(data.records(), config.limit(), config.validationSplit(), config.workers(), config.seed());
        List<ExampleBlock> shards = new ArrayList<>();
        for (int s = 0; s < plan.shards(); s++) {
            ExampleBlock shard = data.readTrainShard(hadoop, plan, s);
            shards.add(config.input().task() == Task.RECONSTRUCTION ? shard.reconstructing() : shard);
        }
        int stepsPerEpoch = RoundTask.roundsPerEpoch(plan.trainShardSize(0), config.shardBatch());
        Network model = ModelZoo.isConfigurationFile(config.model()) ? fromFile(config.model())
                : ModelZoo.create(config.model(), config.modelRequest(new InputShape(1, data.height(), data.width()),
                        data.source().numClasses(), stepsPerEpoch, dataType));
        if (!config.recipe().clipping().isNone()) {
            model.setListeners(List.of(config.recipe().clipping().listener()));
        }
        return new ReferenceSetup(plan, shards, model);
    }

    /** The network a local configuration file describes, in its own data type. */
    private static Network fromFile(String path) {
        try {
            return NetworkConfiguration.fromJson(java.nio.file.Files.readString(java.nio.file.Path.of(path))).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The untrained model, which must be a multi-layer network. */
    MultiLayerNetwork model() {
        return network.asMultiLayer();
    }

    /**
     * The setup of a run over {@code shards}, blocks read as the run reads them (any format), for a
     * model of {@code schema}'s shape and outputs (classes or regression targets).
     */
    static ReferenceSetup of(TrainConfig config, ShardPlan plan, List<ExampleBlock> shards, DataSchema schema,
                             DataType dataType) {
        int stepsPerEpoch = RoundTask.roundsPerEpoch(plan.trainShardSize(0), config.shardBatch());
        Network model = ModelZoo.create(config.model(), config.modelRequest(schema, stepsPerEpoch, dataType));
        return new ReferenceSetup(plan, shards, model);
    }

    /** Rounds per epoch for the configuration's steps per round. */
    int rounds(TrainConfig config) {
        return RoundTask.roundsPerEpoch(plan.trainShardSize(0), config.shardBatch(), config.localSteps());
    }

    /** The largest elementwise difference of two arrays, compared in double precision. */
    static double maxAbsDiff(INDArray a, INDArray b) {
        if (a.length() != b.length()) {
            throw new AssertionError("lengths differ: " + a.length() + " vs " + b.length());
        }
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
