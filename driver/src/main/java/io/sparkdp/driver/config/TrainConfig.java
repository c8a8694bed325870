package io.sparkdp.driver.config;

import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;

/**
 * Everything a training run is asked to do. Immutable; every field is validated on
 * construction, and {@link #defaults()} is the one place defaults are declared.
 *
 * @param data             training data, {@code idx:<dir>} or {@code idx:<images>,<labels>}
 * @param model            architecture name from the model zoo
 * @param epochs           passes over the training data, at least 1
 * @param batchSize        global minibatch size per round, split evenly across the workers
 * @param workers          data-parallel shards; 0 means one per executor core Spark reports
 * @param output           Hadoop URI of the model zip to write
 * @param overwrite        whether an existing {@code output} may be replaced
 * @param optimizer        optimizer name (adam, sgd, momentum, rmsprop)
 * @param learningRate     optimizer step size
 * @param seed             root seed of every random choice in the run
 * @param validationSplit  fraction of the training records held out for validation, in [0, 1)
 * @param limit            use only the first {@code limit} training records; 0 means all
 * @param aggregationDepth depth of Spark's {@code treeAggregate}, at least 1
 */
public record TrainConfig(
        String data,
        String model,
        int epochs,
        int batchSize,
        int workers,
        String output,
        boolean overwrite,
        String optimizer,
        double learningRate,
        long seed,
        double validationSplit,
        int limit,
        int aggregationDepth) {

    public static final String DEFAULT_DATA = "idx:/usr/share/datasets/fashion-mnist";

    public TrainConfig {
        require(data != null && !data.isBlank(), "--data is required");
        ModelZoo.get(model);
        new OptimizerConfig(optimizer, learningRate);
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(workers >= 0, "--workers must be at least 1 (or 0 for one per executor core), got " + workers);
        require(output != null && !output.isBlank(), "--output is required");
        require(validationSplit >= 0 && validationSplit < 1, "--validation-split must be in [0, 1), got " + validationSplit);
        require(limit >= 0, "--limit must be 0 (all) or positive, got " + limit);
        require(aggregationDepth >= 1, "--aggregation-depth must be at least 1, got " + aggregationDepth);
        if (workers > 0) {
            checkSplit(batchSize, workers);
        }
    }

    /** The defaults: the Fashion-MNIST CNN of the quick start. */
    public static TrainConfig defaults() {
        return new TrainConfig(DEFAULT_DATA, "cnn", 2, 128, 0, "runs/fashion-mnist-cnn.zip", false,
                OptimizerConfig.DEFAULT_NAME, OptimizerConfig.DEFAULT_LEARNING_RATE, 42L, 0.1, 0, 2);
    }

    /** This configuration with the worker count settled. */
    public TrainConfig withWorkers(int resolvedWorkers) {
        return new TrainConfig(data, model, epochs, batchSize, resolvedWorkers, output, overwrite, optimizer,
                learningRate, seed, validationSplit, limit, aggregationDepth);
    }

    public OptimizerConfig optimizerConfig() {
        return new OptimizerConfig(optimizer, learningRate);
    }

    /** Examples each worker takes per round. */
    public int shardBatch() {
        if (workers == 0) {
            throw new IllegalStateException("worker count not resolved yet");
        }
        return batchSize / workers;
    }

    /** Fails unless {@code batchSize} splits evenly across {@code workers}. */
    public static void checkSplit(int batchSize, int workers) {
        require(batchSize >= workers, "--batch-size " + batchSize + " is smaller than the " + workers
                + " workers: each worker needs at least one example per round");
        require(batchSize % workers == 0, "--batch-size " + batchSize + " does not split evenly across " + workers
                + " workers; use a multiple of " + workers);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
