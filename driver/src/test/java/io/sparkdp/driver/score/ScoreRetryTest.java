package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.FaultInjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scoring task that fails after it counted some rows: where Spark runs it again, the summary
 * counts from the tasks' counters stay exact (the failed attempt's counts are dropped) and the
 * output holds every record once; where it does not, nothing is published.
 */
class ScoreRetryTest {
    @TempDir
    Path dir;

    @Test
    void aRetriedTaskIsCountedOnce() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        try (JavaSparkContext spark = new JavaSparkContext(failingFirstAttempt("local[2,3]"))) {
            spark.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (!end.taskInfo().successful()) {
                        failed.incrementAndGet();
                    }
                }
            });
            String output = dir.resolve("scores").toString();
            ScoreSummary summary = score(spark, output);
            spark.sc().listenerBus().waitUntilEmpty();
            assertTrue(failed.get() >= 1, "the injected failure happened");
            assertEquals(10_000, summary.images(), "the failed attempt's 500 rows are not counted");
            assertEquals(0, summary.bad());
            var rows = SparkContexts.session(spark).read().parquet(output);
            assertEquals(10_000, rows.count());
            assertEquals(10_000, rows.select("id").distinct().count());
        }
    }

    /**
     * Without retries (plain {@code local[2]}), the same failure fails the job, and the committer
     * publishes nothing: no part file and no {@code _SUCCESS} marker, though the other task's rows
     * were written.
     */
    @Test
    void aFailedJobLeavesNoPartialOutput() throws Exception {
        try (JavaSparkContext spark = new JavaSparkContext(failingFirstAttempt("local[2]"))) {
            Path output = dir.resolve("failed");
            Exception failure = assertThrows(Exception.class, () -> score(spark, output.toString()));
            StringBuilder causes = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                causes.append(t.getMessage()).append('\n');
            }
            assertTrue(causes.toString().contains("injected failure of the first attempt of scoring partition 0"), causes.toString());
            if (Files.exists(output)) {
                try (var names = Files.list(output)) {
                    names.map(p -> p.getFileName().toString()).forEach(name -> assertTrue(
                            !name.startsWith("part-") && !name.equals("_SUCCESS"), "published after failure: " + name));
                }
            }
        }
    }

    private static SparkConf failingFirstAttempt(String master) {
        return new SparkConf().setMaster(master).setAppName("sparkdp-score-failure-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set(FaultInjection.FAIL_ONCE, FaultInjection.SCORE);
    }

    private ScoreSummary score(JavaSparkContext spark, String output) {
        String model = dir.resolve("mlp.zip").toString();
        new ModelStore(spark.hadoopConfiguration()).save(ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 28, 28),
                10, 3L, OptimizerConfig.defaults())), model);
        return new ScoreJob(spark, new ScoreConfig(model, "idx:/usr/share/datasets/fashion-mnist", output,
                ScoreConfig.OutputFormat.PARQUET, 1, 500, false), line -> { }).run();
    }
}
