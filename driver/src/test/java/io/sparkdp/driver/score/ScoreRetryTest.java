package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.FaultInjection;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary counts from the tasks' counters stay exact when a task fails after it counted some
 * rows and Spark runs it again: the failed attempt's counts are dropped, the output holds every
 * record once.
 */
class ScoreRetryTest {
    @TempDir
    Path dir;

    @Test
    void aRetriedTaskIsCountedOnce() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        SparkConf conf = new SparkConf().setMaster("local[2,3]").setAppName("sparkdp-score-retry-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set(FaultInjection.FAIL_ONCE, FaultInjection.SCORE);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (!end.taskInfo().successful()) {
                        failed.incrementAndGet();
                    }
                }
            });
            String model = dir.resolve("mlp.zip").toString();
            new ModelStore(spark.hadoopConfiguration()).save(ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 28, 28),
                    10, 3L, OptimizerConfig.defaults())), model);
            String output = dir.resolve("scores").toString();
            ScoreSummary summary = new ScoreJob(spark, new ScoreConfig(model, "idx:/usr/share/datasets/fashion-mnist", output,
                    ScoreConfig.OutputFormat.PARQUET, 1, 500, false), line -> { }).run();
            spark.sc().listenerBus().waitUntilEmpty();
            assertTrue(failed.get() >= 1, "the injected failure happened");
            assertEquals(10_000, summary.images(), "the failed attempt's 500 rows are not counted");
            assertEquals(0, summary.bad());
            var rows = SparkContexts.session(spark).read().parquet(output);
            assertEquals(10_000, rows.count());
            assertEquals(10_000, rows.select("id").distinct().count());
        }
    }
}
