package io.sparkdp.driver.cli;

import io.sparkdp.driver.bench.BenchConfig;
import io.sparkdp.driver.bench.BenchJob;
import io.sparkdp.driver.bench.FormatBench;
import io.sparkdp.driver.score.ScoreBench;
import io.sparkdp.driver.score.ScoreConfig;
import io.sparkdp.driver.spark.SparkContexts;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare, in one process on the same data, model, seed and epochs: single-process DL4J fit,",
                "DL4J's ParameterAveragingTrainingMaster, sparkdp sync and sparkdp average for each K.",
                "Prints a table, then: bench: avg_vs_single=X avg_vs_dl4j=Y sync_vs_single=Z acc_gap=W"},
        footer = {"%nA quick run: sparkdp bench --master local[2] --limit 12000 --epochs 1",
                "Scoring: sparkdp bench --score --model mlp --master local[2]",
                "Input formats: sparkdp bench --formats --master local[2]"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SPEC", description = "idx:<dir> with train-* and t10k-* pairs (default: ${DEFAULT-VALUE})")
    String data;
    @Option(names = "--model", paramLabel = "NAME", description = "mlp or cnn (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--epochs", paramLabel = "N", description = "epochs for every trainer (default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", paramLabel = "B", description = "global minibatch (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--workers", paramLabel = "W", description = "workers; 0 = one per executor core (default: ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--limit", paramLabel = "N", description = "training records used, 0 = all; with --score: images scored, test images first, then training images, 0 = the 10,000 test images (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--average-every", paramLabel = "K", split = ",", description = "K values for sparkdp average; the largest is also DL4J's averaging frequency (default: ${DEFAULT-VALUE})")
    List<Integer> averageEvery;
    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;
    @Option(names = "--seed", paramLabel = "N", description = "root seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--score", description = {"instead of training: sparkdp score's throughput on idx: and PNG input and its fixed cost,",
            "against a single-process DL4J output() loop over the same test images; one warm-up, then 3 repeats and their medians",
            "(uses --data, --model, --limit, --seed)"})
    boolean score;
    @Option(names = "--formats", description = {"instead of comparing trainers: the --limit first training records (default "
            + FormatBench.Config.DEFAULT_RECORDS + ") written as", "idx, PNG images, CSV, LibSVM, Parquet and csvseq sequences; per format: records/s read"
            + " and dealt into shards, records/s cut into minibatches, and training samples/s (sparkdp average, one epoch;"
            + " sequences train lstm)"})
    boolean formats;
    @Mixin
    SparkOptions spark;
    @Mixin
    AveragingOptions averaging;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (score && formats) {
            throw new ParameterException(command.commandLine(), "choose one of --score and --formats");
        }
        BenchConfig config = new BenchConfig(data, model, epochs, batchSize, workers, limit, averageEvery, learningRate, seed,
                averaging.toConfig());
        try (JavaSparkContext sc = SparkContexts.open("sparkdp bench", spark.master)) {
            if (score) {
                new ScoreBench(sc, new ScoreBench.Config(data, List.of(model), limit > 0 ? limit : ScoreBench.Config.DEFAULT_IMAGES,
                        ScoreConfig.defaults().batchSize(), 3, seed), System.out).run();
                return 0;
            }
            if (formats) {
                int workers = config.workers() > 0 ? config.workers() : sc.defaultParallelism();
                int records = limit > 0 ? limit : FormatBench.Config.DEFAULT_RECORDS;
                new FormatBench(sc, new FormatBench.Config(data, model, records, batchSize, workers, seed), System.out).run();
                return 0;
            }
            new BenchJob(sc, config, System.out).run();
            return 0;
        }
    }
}
