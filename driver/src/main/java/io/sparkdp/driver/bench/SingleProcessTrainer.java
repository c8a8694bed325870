package io.sparkdp.driver.bench;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.NativeThreads;
import io.sparkdp.worker.Phase;
import io.sparkdp.worker.PhaseTimer;
import io.sparkdp.worker.RoundTask;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The baseline: plain DL4J {@code fit} in one process, with ND4J using every core, on the same
 * in-memory records and the same per-epoch order as sparkdp's workers. Each minibatch is cut and
 * converted inside the timed loop, as a sparkdp worker does it, so the two are timed on the same
 * data path and differ only in distribution.
 */
final class SingleProcessTrainer {
    private SingleProcessTrainer() {
    }

    static BenchResult run(BenchConfig config, Configuration conf, TestSet test) {
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TRAIN, conf), conf);
        ShardPlan plan = ShardPlan.of(data.records(), config.limit(), 0, 1, config.seed());
        ExampleBlock records = data.readTrainShard(conf, plan, 0);
        MultiLayerNetwork network = ModelZoo.build(config.model(), ModelRequest.of(new InputShape(1, data.height(), data.width()),
                data.source().numClasses(), config.seed(), new OptimizerConfig("adam", config.learningRate())));
        NativeThreads.use(Runtime.getRuntime().availableProcessors());
        PhaseTimer timer = new PhaseTimer();
        long examples = 0;
        int steps = RoundTask.roundsPerEpoch(records.size(), config.batchSize());
        var dataType = network.getLayerWiseConfigurations().getDataType();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int e = epoch;
            timer.time(Phase.COMPUTE, () -> {
                int[] order = new RoundTask(e, 0, config.batchSize(), config.seed()).order(records);
                for (int step = 0; step < steps; step++) {
                    RoundTask task = new RoundTask(e, step, config.batchSize(), config.seed());
                    network.fit(Batches.toDataSet(task.slice(records, order, 0), dataType));
                }
            });
            examples += records.size();
        }
        return new BenchResult("single-process DL4J, " + Runtime.getRuntime().availableProcessors() + " threads",
                examples, timer.millis(Phase.COMPUTE) / 1e3, test.accuracy(network), Double.NaN);
    }
}
