package io.sparkdp.driver.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs every trainer of the benchmark in this process, one after the other, and prints the
 * comparison. Only ratios within one run are meaningful: the machine is shared and noisy.
 */
public final class BenchJob {
    private final JavaSparkContext spark;
    private final BenchConfig config;
    private final PrintStream out;

    public BenchJob(JavaSparkContext spark, BenchConfig config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    /** Runs the trainers, prints the table and the summary line, and returns the results. */
    public List<BenchResult> run() {
        int workers = config.workers() > 0 ? config.workers() : spark.defaultParallelism();
        io.sparkdp.driver.config.TrainConfig.checkSplit(config.batchSize(), workers);
        TestSet test = TestSet.read(config.data(), spark.hadoopConfiguration());
        Path scratch = Scratch.create("sparkdp-bench-");
        try {
            BenchResult single = report(SingleProcessTrainer.run(config, spark.hadoopConfiguration(), test));
            BenchResult dl4jDefaults = report(Dl4jParameterAveragingTrainer.run(config, spark, workers,
                    Dl4jParameterAveragingTrainer.Setup.DEFAULTS, scratch, test));
            BenchResult dl4j = report(Dl4jParameterAveragingTrainer.run(config, spark, workers,
                    Dl4jParameterAveragingTrainer.Setup.TUNED, scratch, test));
            BenchResult sync = report(SparkdpTrainer.run(config, spark, workers, "sync", 1, scratch, test));
            List<BenchResult> results = new ArrayList<>(List.of(single, dl4jDefaults, dl4j, sync));
            BenchResult headline = null;
            for (int k : config.averageEvery().stream().sorted().toList()) {
                BenchResult average = report(SparkdpTrainer.run(config, spark, workers, "average", k, scratch, test));
                results.add(average);
                if (k == config.headlineK()) {
                    headline = average;
                }
            }
            printTable(results, single);
            printSummary(single, dl4j, sync, headline);
            return results;
        } finally {
            Scratch.delete(scratch);
        }
    }

    private BenchResult report(BenchResult result) {
        out.printf(Locale.ROOT, "bench: %s: %.0f samples/s, test accuracy %.4f%n", result.trainer(),
                result.samplesPerSecond(), result.testAccuracy());
        out.flush();
        return result;
    }

    private void printTable(List<BenchResult> results, BenchResult single) {
        // a row of average with an outer step names it, which can outgrow the usual 40 characters
        int width = Math.max(40, results.stream().mapToInt(r -> r.trainer().length()).max().orElse(0));
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s %11s %10s %9s %18s%n", "trainer", "samples/s", "vs single", "test acc",
                "round overhead ms");
        for (BenchResult r : results) {
            out.printf(Locale.ROOT, "%-" + width + "s %11.0f %10.2f %9.4f %18s%n", r.trainer(), r.samplesPerSecond(),
                    r.samplesPerSecond() / single.samplesPerSecond(), r.testAccuracy(),
                    Double.isNaN(r.roundOverheadMs()) ? "-" : String.format(Locale.ROOT, "%.1f", r.roundOverheadMs()));
        }
    }

    /**
     * The last line: sparkdp's headline average (largest K) against the single process and
     * against DL4J's trainer in its tuned set-up (the harder comparison), and sync against the
     * single process.
     */
    private void printSummary(BenchResult single, BenchResult dl4j, BenchResult sync, BenchResult average) {
        out.printf(Locale.ROOT, "bench: avg_vs_single=%.2f avg_vs_dl4j=%.1f sync_vs_single=%.2f acc_gap=%.3f%n",
                average.samplesPerSecond() / single.samplesPerSecond(),
                average.samplesPerSecond() / dl4j.samplesPerSecond(),
                sync.samplesPerSecond() / single.samplesPerSecond(),
                single.testAccuracy() - average.testAccuracy());
        out.flush();
    }
}
