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
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * DL4J's own Spark trainer, {@code ParameterAveragingTrainingMaster}, on the same shards, batch
 * per worker and averaging frequency as sparkdp's {@code average}. Its minibatches are cut on
 * the executors from the same cached shards. It runs in one of two set-ups.
 */
final class Dl4jParameterAveragingTrainer {
    /** How DL4J's trainer is configured. */
    enum Setup {
        /**
         * DL4J at its fastest: the "direct" approach (no export of the data to files, and DL4J's
         * requirement in cluster mode on a local file system), no repartitioning, no prefetch,
         * and one ND4J thread per task, as sparkdp's workers have.
         */
        TUNED("tuned"),
        /** What a user gets from the builder's defaults: data exported to files, repartitioned, ND4J's default threads. */
        DEFAULTS("defaults");

        private final String label;

        Setup(String label) {
            this.label = label;
        }
    }

    private Dl4jParameterAveragingTrainer() {
    }

    static BenchResult run(BenchConfig config, JavaSparkContext spark, int workers, Setup setup, java.nio.file.Path scratch,
                           TestSet test) {
        var hadoop = spark.hadoopConfiguration();
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TRAIN, hadoop), hadoop);
        ShardPlan plan = ShardPlan.of(data.records(), config.limit(), 0, workers, config.seed());
        JavaRDD<ExampleBlock> shards = data.trainShards(spark, plan);
        shards.count();
        int perWorker = config.batchSize() / workers;
        int k = config.headlineK();
        MultiLayerNetwork network = ModelZoo.build(config.model(), ModelRequest.of(new InputShape(1, data.height(), data.width()),
                data.source().numClasses(), config.seed(), new OptimizerConfig("adam", config.learningRate())));
        ParameterAveragingTrainingMaster.Builder builder = new ParameterAveragingTrainingMaster.Builder(perWorker)
                .batchSizePerWorker(perWorker).averagingFrequency(k).rngSeed(config.seed());
        if (setup == Setup.TUNED) {
            builder.workerPrefetchNumBatches(0).rddTrainingApproach(RDDTrainingApproach.Direct).repartionData(Repartition.Never);
            NativeThreads.use(1);
        } else {
            builder.exportDirectory(scratch.resolve("dl4j-export").toUri().toString());
            NativeThreads.use(Runtime.getRuntime().availableProcessors());
        }
        SparkDl4jMultiLayer trainer = new SparkDl4jMultiLayer(spark, network, builder.build());
        PhaseTimer timer = new PhaseTimer();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            JavaRDD<DataSet> batches = minibatches(shards, epoch, perWorker, config.seed());
            timer.time(Phase.COMPUTE, () -> trainer.fit(batches));
        }
        shards.unpersist(false);
        return new BenchResult("DL4J ParameterAveraging, K = " + k + ", " + setup.label,
                (long) plan.trainRecords() * config.epochs(), timer.millis(Phase.COMPUTE) / 1e3,
                test.accuracy(trainer.getNetwork()), Double.NaN);
    }

    private static JavaRDD<DataSet> minibatches(JavaRDD<ExampleBlock> shards, int epoch, int perWorker, long seed) {
        return shards.flatMap(block -> {
            List<DataSet> out = new ArrayList<>();
            for (int step = 0; step < RoundTask.roundsPerEpoch(block.size(), perWorker); step++) {
                out.add(Batches.toDataSet(new RoundTask(epoch, step, perWorker, seed).slice(block), DataType.FLOAT));
            }
            return out.iterator();
        });
    }
}
