package io.sparkdp.driver.config;

import io.sparkdp.data.DataConfig;

/**
 * What an evaluation is asked to measure.
 *
 * @param model       Hadoop URI of a model zip written by {@code sparkdp train}
 * @param data        test data: {@code idx:<dir>} (its {@code t10k-*} pair), {@code idx:<images>,<labels>}
 *                    or {@code images:<dir of class folders>}
 * @param batchSize   examples per forward pass on an executor, at least 1
 * @param workers     partitions of the test data; 0 means one per executor core Spark reports
 * @param topK        the k of the top-k accuracy, at least 1
 * @param metricsJson Hadoop URI of a JSON file to write every metric to; empty for none
 * @param input       how records become examples; images of {@code auto} size take the model's input size
 */
public record EvaluateConfig(String model, String data, int batchSize, int workers, int topK, String metricsJson,
                             DataConfig input) {
    /** The k of the top-k accuracy that validation during training reports, and evaluation's default. */
    public static final int DEFAULT_TOP_K = 5;

    public EvaluateConfig {
        TrainConfig.require(model != null && !model.isBlank(), "--model is required");
        TrainConfig.require(data != null && !data.isBlank(), "--data is required");
        TrainConfig.require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        TrainConfig.require(workers >= 0, "--workers must be 0 or positive, got " + workers);
        TrainConfig.require(topK >= 1, "--top-k must be at least 1, got " + topK);
        TrainConfig.require(metricsJson != null, "--metrics-json must name a file");
        TrainConfig.require(input != null, "input settings are required");
    }

    public static EvaluateConfig defaults() {
        return new EvaluateConfig("runs/fashion-mnist-cnn.zip", TrainConfig.DEFAULT_DATA, 500, 0, DEFAULT_TOP_K, "",
                DataConfig.defaults());
    }
}
