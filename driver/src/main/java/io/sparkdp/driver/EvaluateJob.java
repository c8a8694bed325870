package io.sparkdp.driver;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.driver.listen.MetricsJson;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationPlan;
import io.sparkdp.worker.WorkerContext;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Measures a saved model on labelled data, distributed over the executors, and with
 * {@code --metrics-json} writes every metric to a JSON file ({@link MetricsJson}, plus the model
 * and data it measured). An unwritable JSON target fails before the evaluation starts.
 */
public final class EvaluateJob {
    private final JavaSparkContext spark;
    private final EvaluateConfig config;

    public EvaluateJob(JavaSparkContext spark, EvaluateConfig config) {
        this.spark = spark;
        this.config = config;
    }

    public ClassificationMetrics run() {
        var hadoop = spark.hadoopConfiguration();
        ModelStore store = new ModelStore(hadoop);
        if (!config.metricsJson().isEmpty()) {
            store.checkWritable(config.metricsJson(), true);
        }
        MultiLayerNetwork network = store.load(config.model());
        IdxDataset data = IdxDataset.open(IdxSource.resolve(config.data(), IdxSource.Part.TEST, hadoop), hadoop);
        checkShape(network, data);
        String runId = "sparkdp-evaluate-" + UUID.randomUUID();
        try (RunScope scope = RunScope.open(spark, runId, "sparkdp evaluate " + config.model())) {
            WorkerContext worker = new WorkerContext(runId, scope.broadcast(network.getLayerWiseConfigurations().toJson()));
            int parts = config.workers() > 0 ? config.workers() : spark.defaultParallelism();
            scope.describe("evaluate " + config.model() + " on " + config.data());
            JavaRDD<ExampleBlock> blocks = scope.keep(data.allShards(spark, parts));
            ClassificationMetrics result = Evaluator.evaluate(spark, blocks, network, worker,
                    EvaluationPlan.of(network, config.topK(), config.batchSize()));
            scope.succeeded();
            if (!config.metricsJson().isEmpty()) {
                store.saveText(json(result) + "\n", config.metricsJson());
            }
            return result;
        }
    }

    /** The {@code --metrics-json} document: what was measured, then every metric. */
    String json(ClassificationMetrics metrics) {
        var document = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        document.put("model", config.model());
        document.put("data", config.data());
        document.setAll(MetricsJson.of(metrics));
        return document.toPrettyString();
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
