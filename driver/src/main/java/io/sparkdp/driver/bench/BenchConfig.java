package io.sparkdp.driver.bench;

import io.sparkdp.driver.config.AveragingConfig;
import java.util.List;

/**
 * What {@code sparkdp bench} runs.
 *
 * @param data         training and test data, {@code idx:<dir>} holding train-* and t10k-* pairs
 * @param model        architecture from the model zoo
 * @param epochs       epochs every trainer runs, at least 1
 * @param batchSize    global minibatch, split evenly across the workers
 * @param workers      data-parallel workers; 0 means one per executor core
 * @param limit        training records used, from the start of the file; 0 means all
 * @param averageEvery the K values sparkdp's {@code average} strategy runs with; the largest is
 *                     also DL4J's averaging frequency, so the two are compared like for like
 * @param learningRate Adam's step size, for every trainer
 * @param seed         root seed
 * @param averaging    how sparkdp's {@code average} combines the workers: the plain mean, or an
 *                     outer step with slow momentum
 */
public record BenchConfig(String data, String model, int epochs, int batchSize, int workers, int limit,
                          List<Integer> averageEvery, double learningRate, long seed, AveragingConfig averaging) {
    public BenchConfig {
        averageEvery = List.copyOf(averageEvery);
        averaging = averaging == null ? AveragingConfig.defaults() : averaging;
        if (epochs < 1 || batchSize < 1 || workers < 0 || limit < 0 || averageEvery.isEmpty()
                || averageEvery.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("bench needs epochs, batch size and every K at least 1, and workers and limit at least 0");
        }
    }

    public static BenchConfig defaults() {
        return new BenchConfig("idx:/usr/share/datasets/fashion-mnist", "mlp", 2, 128, 0, 0, List.of(4, 16), 1e-3, 42L,
                AveragingConfig.defaults());
    }

    /** The K compared with DL4J's trainer and with the single process in the summary line. */
    public int headlineK() {
        return averageEvery.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
