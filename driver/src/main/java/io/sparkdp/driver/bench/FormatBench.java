package io.sparkdp.driver.bench;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.InputData;
import io.sparkdp.data.InputFormats;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Split;
import io.sparkdp.data.SplitRequest;
import io.sparkdp.driver.TrainJob;
import io.sparkdp.driver.TrainResult;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.worker.Batches;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code sparkdp bench --formats}: for each input format, the same training records read from
 * files and dealt into balanced shards on the executors (records/s), cut into minibatches from the
 * executors' caches (records/s), and trained on for one epoch (samples/s), so that the report
 * shows whether reading, decoding or batching could hold training back. Sequences train a small
 * LSTM ({@link FormatSamples#SEQUENCE_MODEL}), the other formats the bench's model.
 */
public final class FormatBench {
    /**
     * What the format bench runs.
     *
     * @param data      {@code idx:} source of the records written in every format
     * @param model     the model trained on each
     * @param records   training records used
     * @param batchSize global minibatch
     * @param workers   data-parallel workers
     * @param seed      root seed
     */
    public record Config(String data, String model, int records, int batchSize, int workers, long seed) {
        /** Records written in every format when {@code --limit} leaves it open: 10,000 PNG files take seconds, 60,000 a minute. */
        public static final int DEFAULT_RECORDS = 10_000;

        public Config {
            if (records < 1 || batchSize < 1 || workers < 1) {
                throw new IllegalArgumentException("the format bench needs records, batch size and workers of at least 1");
            }
        }
    }

    /**
     * One format's measurements.
     *
     * @param records               training records read
     * @param coldReadSeconds       the first read in this JVM: what a job pays (Spark SQL's start-up included, for the formats read through it)
     * @param readSeconds           the second read, warm
     * @param batchSeconds          cutting every minibatch of one epoch from the executors' caches
     * @param trainSamplesPerSecond one epoch of {@code sparkdp average}
     */
    record Result(FormatSamples.Format format, long records, double coldReadSeconds, double readSeconds,
                  double batchSeconds, double trainSamplesPerSecond) {
        double readPerSecond() {
            return records / readSeconds;
        }

        double batchPerSecond() {
            return records / batchSeconds;
        }
    }

    /** Shards read and dealt, and how long it took. */
    private record Read(Split split, long records, double seconds) {
        void release() {
            split.releaseIntermediates();
            split.train().unpersist(false);
            split.validation().unpersist(false);
        }
    }

    private final JavaSparkContext spark;
    private final Config config;
    private final PrintStream out;

    public FormatBench(JavaSparkContext spark, Config config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    /** Writes the inputs, measures every format, prints the table and the summary line. */
    public void run() {
        TrainConfig.checkSplit(config.batchSize(), config.workers());
        Path scratch = Scratch.create("sparkdp-format-bench-");
        try {
            List<FormatSamples.Format> formats = FormatSamples.write(config.data(), config.records(), scratch, spark);
            train(formats.get(0), scratch); // warms training's code paths, so the first format is not charged for them
            List<Result> results = new ArrayList<>();
            for (FormatSamples.Format format : formats) {
                results.add(report(measure(format, scratch)));
            }
            printTable(results);
        } finally {
            Scratch.delete(scratch);
        }
    }

    private Result measure(FormatSamples.Format format, Path scratch) {
        Read cold = read(format);
        cold.release();
        Read warm = read(format);
        int perWorker = config.batchSize() / config.workers();
        cutAll(warm.split().train(), perWorker, config.seed(), 1); // warms the executors' code paths
        long cutStart = System.nanoTime();
        cutAll(warm.split().train(), perWorker, config.seed(), 2);
        double batch = seconds(cutStart);
        warm.release();
        return new Result(format, warm.records(), cold.seconds(), warm.seconds(), batch, train(format, scratch));
    }

    private Read read(FormatSamples.Format format) {
        long start = System.nanoTime();
        InputData data = InputFormats.open(format.spec(), IdxSource.Part.TRAIN, format.options(), spark);
        Split split = data.split(spark, new SplitRequest(config.records(), 0, config.workers(), config.seed()));
        long records = split.train().map(ExampleBlock::size).fold(0, Integer::sum);
        return new Read(split, records, seconds(start));
    }

    /** Every minibatch of one epoch of every shard, as the DL4J data sets workers train on; returns the examples cut. */
    private static long cutAll(JavaRDD<ExampleBlock> shards, int batch, long seed, int epoch) {
        return shards.map(block -> {
            int[] order = block.epochOrder(seed, epoch);
            long examples = 0;
            for (int from = 0; from < block.size(); from += batch) {
                Minibatch minibatch = block.batch(order, from, Math.min(block.size(), from + batch));
                examples += Batches.toDataSet(minibatch, DataType.FLOAT).numExamples();
            }
            return examples;
        }).fold(0L, Long::sum);
    }

    private double train(FormatSamples.Format format, Path scratch) {
        TrainConfig train = TrainConfig.builder().data(format.spec()).input(format.options())
                .model(format.model().orElse(config.model()))
                .recipe(RecipeConfig.defaults().withModelArgs(format.modelArgs()))
                .epochs(1).batchSize(config.batchSize()).workers(config.workers()).limit(config.records())
                .validationSplit(0).strategy("average").seed(config.seed())
                .output(scratch.resolve("model.zip").toString()).overwrite(true)
                .recovery(RecoveryConfig.defaults().withCheckpointDir(RecoveryConfig.NONE)).build();
        TrainResult result = new TrainJob(spark, train, List.of(), DataType.FLOAT).fit();
        return result.epochs().get(0).samplesPerSecond();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private Result report(Result r) {
        out.printf(Locale.ROOT, "bench formats: %s: read %.0f records/s, batches %.0f records/s, training %.0f samples/s%n",
                r.format().name(), r.readPerSecond(), r.batchPerSecond(), r.trainSamplesPerSecond());
        out.flush();
        return r;
    }

    private void printTable(List<Result> results) {
        out.println();
        out.printf(Locale.ROOT, "%-14s %8s %8s %11s %8s %14s %17s %17s%n", "format", "records", "MB", "first read s",
                "read s", "read records/s", "batches records/s", "train samples/s");
        StringJoiner summary = new StringJoiner(" ", "bench formats:", "");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-14s %8d %8.1f %11.2f %8.2f %14.0f %17.0f %17.0f%n", r.format().name(), r.records(),
                    r.format().bytes() / 1e6, r.coldReadSeconds(), r.readSeconds(), r.readPerSecond(), r.batchPerSecond(),
                    r.trainSamplesPerSecond());
            summary.add(String.format(Locale.ROOT, "%s=%.0f/%.0f/%.0f", r.format().name().split(" ")[0],
                    r.readPerSecond(), r.batchPerSecond(), r.trainSamplesPerSecond()));
        }
        out.println(summary + " (records/s read, batched, trained)");
        out.flush();
    }
}
