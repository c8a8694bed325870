package io.sparkdp.driver;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.worker.EvaluationAccumulator;
import io.sparkdp.worker.WorkerContext;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Measures a saved model on labelled data, distributed over the executors. */
public final class EvaluateJob {
    private final JavaSparkContext spark;
    private final EvaluateConfig config;

    public EvaluateJob(JavaSparkContext spark, EvaluateConfig config) {
        this.spark = spark;
        this.config = config;
    }

    public EvaluationAccumulator run() {
        var hadoop = spark.hadoopConfiguration();
        MultiLayerNetwork network = new ModelStore(hadoop).load(config.model());
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TEST, hadoop), hadoop);
        checkShape(network, data);
        String runId = "sparkdp-evaluate-" + UUID.randomUUID();
        try (RunScope scope = RunScope.open(spark, runId, "sparkdp evaluate " + config.model())) {
            WorkerContext worker = new WorkerContext(runId, scope.broadcast(network.getLayerWiseConfigurations().toJson()));
            int parts = config.workers() > 0 ? config.workers() : spark.defaultParallelism();
            scope.describe("evaluate " + config.model() + " on " + config.data());
            JavaRDD<ExampleBlock> blocks = scope.keep(data.allShards(spark, parts));
            EvaluationAccumulator result = Evaluator.evaluate(spark, blocks, network, worker, config.batchSize());
            scope.succeeded();
            return result;
        }
    }

    private static void checkShape(MultiLayerNetwork network, IdxDataset data) {
        long expected = expectedFeatures(network);
        long features = (long) data.height() * data.width();
        long classes = network.layerSize(network.getnLayers() - 1);
        if (expected != features) {
            throw new BadDataException("data has " + data.height() + "x" + data.width() + " = " + features
                    + " features per example but the model expects " + expected);
        }
        if (classes != data.source().numClasses()) {
            throw new BadDataException("data has " + data.source().numClasses() + " classes but the model predicts " + classes);
        }
    }

    /** Values per flat example the network reads: through its image pre-processor if it has one. */
    private static long expectedFeatures(MultiLayerNetwork network) {
        if (network.getLayerWiseConfigurations().getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor image) {
            return image.getInputHeight() * image.getInputWidth() * image.getNumChannels();
        }
        return network.layerInputSize(0);
    }
}
