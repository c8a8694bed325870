package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdp.driver.SparkFixture;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ScoreBench} on local[2] over the 10,000 Fashion-MNIST test images, for the MLP and
 * the CNN, each comparison twice, and prints its lines; it asserts nothing about speed. Not a
 * unit test (its name keeps Surefire from running it by default); run it with
 * {@code -Dtest=ScoreThroughputBench}, or run {@code sparkdp bench --score}.
 */
class ScoreThroughputBench {
    @Test
    void scoreVersusSingleProcess() {
        try (JavaSparkContext spark = SparkFixture.local(2)) {
            var config = new ScoreBench.Config("idx:/usr/share/datasets/fashion-mnist", List.of("mlp", "cnn"), 10_000,
                    ScoreConfig.defaults().batchSize(), 2, 3L);
            List<ScoreBench.Result> results = new ScoreBench(spark, config, System.out).run();
            assertEquals(2 * 2 * 2, results.size(), "two models, two inputs, two repeats");
        }
    }
}
