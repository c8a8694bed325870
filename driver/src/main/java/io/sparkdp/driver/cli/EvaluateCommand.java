package io.sparkdp.driver.cli;

import io.sparkdp.driver.EvaluateJob;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.worker.EvaluationAccumulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.evaluation.classification.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a saved model on labelled data: accuracy, loss, precision/recall/F1 and the confusion matrix.",
                "The last line printed is one JSON object with accuracy, loss, n, precision, recall and f1."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "URI", description = "model zip written by sparkdp train (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--data", paramLabel = "SPEC", description = "test data: idx:<dir> (its t10k-* pair), idx:<images>,<labels> or images:<dir of class folders> (default: ${DEFAULT-VALUE})")
    String data;
    @Option(names = "--batch-size", paramLabel = "B", description = "examples per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--workers", paramLabel = "W", description = "partitions of the test data; 0 = one per executor core (default: ${DEFAULT-VALUE})")
    int workers;
    @Mixin
    SparkOptions spark;
    @Mixin
    DataOptions input;

    @Override
    public Integer call() {
        EvaluateConfig config = new EvaluateConfig(model, data, batchSize, workers, input.toConfig());
        try (JavaSparkContext sc = SparkContexts.open("sparkdp evaluate", spark.master)) {
            EvaluationAccumulator result = new EvaluateJob(sc, config).run();
            Evaluation evaluation = result.evaluation();
            System.out.println(evaluation.stats(false, true));
            System.out.printf(java.util.Locale.ROOT, "loss: %.6f%n", result.meanLoss());
            System.out.println(summary(result));
            return 0;
        }
    }

    static String summary(EvaluationAccumulator result) {
        Evaluation evaluation = result.evaluation();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", evaluation.accuracy());
        json.put("loss", result.meanLoss());
        json.put("n", result.examples());
        json.put("precision", evaluation.precision());
        json.put("recall", evaluation.recall());
        json.put("f1", evaluation.f1());
        return io.sparkdp.driver.config.ConfigJson.write(json);
    }
}
