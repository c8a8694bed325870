package io.sparkdp.driver;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputData;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.Normalizer;
import io.sparkdp.data.Task;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.RunScope;
import io.sparkdp.driver.listen.MetricsJson;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.GanNetwork;
import io.sparkdp.models.network.SiameseNetwork;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.WorkerContext;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Measures a saved model on labelled data, distributed over the executors: classification
 * metrics, or for a regression model (as its metadata says) regression metrics, and for a model
 * that reconstructs its input the same metrics over its reconstructed features; and with
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

    public EvaluationMetrics run() {
        var hadoop = spark.hadoopConfiguration();
        ModelStore store = new ModelStore(hadoop);
        if (!config.metricsJson().isEmpty()) {
            store.checkWritable(config.metricsJson(), true);
        }
        ModelStore.StoredModel stored = store.loadForInference(config.model());
        Network network = stored.model();
        InputData data = InputFormats.open(config.data(), IdxSource.Part.TEST, inputFor(stored), spark);
        Normalizer normalizer = stored.metadata().map(ModelMetadata::normalizer).orElse(Normalizer.none());
        checkShape(stored, data.schema());
        String runId = "sparkdp-evaluate-" + UUID.randomUUID();
        try (RunScope scope = RunScope.open(spark, runId, "sparkdp evaluate " + config.model())) {
            WorkerContext worker = new WorkerContext(runId, scope.broadcast(network.configuration().toJson()));
            int parts = config.workers() > 0 ? config.workers() : spark.defaultParallelism();
            scope.describe("evaluate " + config.model() + " on " + config.data());
            Task task = stored.metadata().map(ModelMetadata::task).orElse(data.schema().task());
            JavaRDD<ExampleBlock> blocks = scope.keep(data.all(spark, parts).map(b -> task == Task.RECONSTRUCTION
                    ? b.normalizedBy(normalizer).reconstructing() : b.normalizedBy(normalizer)));
            EvaluationMetrics result = Evaluator.evaluate(spark, blocks, network, worker,
                    new Evaluator.Request(data.schema(), config.topK(), config.batchSize(), task));
            scope.succeeded();
            if (!config.metricsJson().isEmpty()) {
                store.saveText(json(result) + "\n", config.metricsJson());
            }
            return result;
        }
    }

    /** The {@code --metrics-json} document: what was measured, then every metric. */
    String json(EvaluationMetrics metrics) {
        var document = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        document.put("model", config.model());
        document.put("data", config.data());
        document.setAll(MetricsJson.of(metrics));
        return document.toPrettyString();
    }

    /**
     * Images of automatic size are read at the model's input size; labels are read as the model's
     * classes (or as its regression targets, or its target sequences, no longer than its longest),
     * and LibSVM vectors at its feature count.
     */
    private DataConfig inputFor(ModelStore.StoredModel stored) {
        DataConfig input = config.input();
        if (stored.metadata().isPresent()) {
            DataSchema trained = stored.metadata().get().input();
            input = input.withTask(stored.metadata().get().task()).withKnownClasses(trained.classNames())
                    .withNumFeatures(trained.image() ? 0 : trained.featureSize());
            if (trained.image()) {
                input = input.withChannels(trained.channels());
            }
            if (trained.targetSequences()) {
                input = input.withTargetSequences(true, trained.targetSteps());
            }
        }
        Optional<InputShape> image = stored.model().configuration().imageInput();
        if (input.autoImageSize() && image.isPresent()) {
            return input.withImageSize(image.get().height() + "x" + image.get().width()).withChannels(image.get().channels());
        }
        return input;
    }

    private static String perWhat(DataSchema schema) {
        return schema.stepLabels() ? "per time step" : "per sequence";
    }

    private static void checkShape(ModelStore.StoredModel stored, DataSchema data) {
        Network network = stored.model();
        long classes = network.outputSize();
        if (data.sequence()) {
            long perStep = network.configuration().stepSize();
            if (perStep != data.channels()) {
                throw new BadDataException("data has " + data.describe() + " but the model reads " + perStep
                        + " features per time step");
            }
            stored.metadata().map(ModelMetadata::input).filter(t -> t.sequence() && t.stepLabels() != data.stepLabels())
                    .ifPresent(t -> {
                        throw new BadDataException("the model predicts " + perWhat(t) + " but the data is labelled "
                                + perWhat(data) + "; evaluate it on data labelled as it was trained");
                    });
        } else if (network.configuration().inputSize() != data.featureSize()) {
            long expected = network.configuration().inputSize();
            throw new BadDataException("data has " + data.describe() + " = " + data.featureSize()
                    + " features per example but the model expects " + expected);
        }
        if (network instanceof SiameseNetwork) {
            return; // it embeds examples and pairs them by their labels, of however many classes
        }
        if (network instanceof GanNetwork) {
            return; // its discriminator is measured on the data's images against as many generated ones; labels are not read
        }
        if (stored.metadata().map(ModelMetadata::task).orElse(Task.CLASSIFICATION) == Task.RECONSTRUCTION) {
            if (classes != data.featureSize()) {
                throw new BadDataException("the model reconstructs " + classes + " features but the data has " + data.featureSize());
            }
            return;
        }
        if (data.regression()) {
            if (classes != data.outputs()) {
                throw new BadDataException("data has " + data.describeLabels() + " but the model predicts " + classes
                        + " targets; pass the same --label-column as in training");
            }
            return;
        }
        if (classes != data.numClasses()) {
            throw new BadDataException("data has " + data.numClasses() + " classes but the model predicts " + classes);
        }
        boolean named = !data.classNames().equals(DataSchema.indexNames(data.numClasses()));
        stored.metadata().filter(m -> named && !m.classNames().equals(data.classNames())).ifPresent(m -> {
            throw new BadDataException("data has classes " + data.classNames() + " but the model was trained on " + m.classNames());
        });
    }
}
