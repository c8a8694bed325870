package io.sparkdp.driver.cli;

import io.sparkdp.driver.EvaluateJob;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.worker.EvaluationMetrics;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a saved model on labelled data: accuracy, top-k accuracy, loss, log loss, precision/recall/F1",
                "(macro and per class) and the confusion matrix. The last line printed is one JSON object with accuracy,",
                "loss, n, precision, recall, f1, top_k, top_k_accuracy and log_loss; --metrics-json writes them all to a file.",
                "A regression model (trained with --task regression) is measured by loss, MSE, RMSE, MAE and R², per target",
                "and averaged; its JSON line has task, loss, n, mse, rmse, mae and r2."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "URI", description = "model zip written by sparkdp train (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--data", paramLabel = "SPEC", description = "test data: idx:<dir> (its t10k-* pair), idx:<images>,<labels>, images:<dir of class folders>, csv:, libsvm: or parquet: (default: ${DEFAULT-VALUE})")
    String data;
    @Option(names = "--batch-size", paramLabel = "B", description = "examples per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--workers", paramLabel = "W", description = "partitions of the test data; 0 = one per executor core (default: ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--top-k", paramLabel = "K", description = "k of the top-k accuracy (default: ${DEFAULT-VALUE})")
    int topK;
    @Option(names = "--metrics-json", paramLabel = "URI", description = "also write every metric, per class and the confusion matrix, as JSON to this file on any Hadoop URI")
    String metricsJson;
    @Mixin
    SparkOptions spark;
    @Mixin
    DataOptions input;

    @Override
    public Integer call() {
        EvaluateConfig config = new EvaluateConfig(model, data, batchSize, workers, topK, metricsJson == null ? "" : metricsJson,
                input.toConfig());
        try (JavaSparkContext sc = SparkContexts.open("sparkdp evaluate", spark.master)) {
            EvaluationMetrics metrics = new EvaluateJob(sc, config).run();
            System.out.print(MetricsTable.render(metrics));
            if (!config.metricsJson().isEmpty()) {
                System.out.println("metrics written to " + config.metricsJson());
            }
            System.out.println(MetricsTable.summary(metrics));
            return 0;
        }
    }
}
