package io.sparkdp.driver.score;

import io.sparkdp.driver.bench.Scratch;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.ImageDecoder;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.worker.NativeArrays;
import io.sparkdp.worker.NativeThreads;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Scoring throughput against a single-process DL4J {@code output()} loop, in one process on the
 * same images, model and batch size, reported in three parts:
 * <ul>
 * <li><b>fixed cost</b>: the wall time of scoring one image (loading and broadcasting the model,
 * listing the input, planning, the commit, counting the output); the first run in a JVM also pays
 * Spark SQL's start-up, reported on its own;</li>
 * <li><b>inference</b> ({@code idx:} input, pixels already decoded): {@link ScoreJob} against
 * {@code output()} over the same pixels held in memory;</li>
 * <li><b>end to end</b> ({@code images:} input, PNG files): {@link ScoreJob} against a loop that
 * reads and decodes the same files ({@link ImageDecoder}, one thread) and calls {@code output()}.</li>
 * </ul>
 * Scoring rates are given for the whole command and for its steady state, {@code (n - 1) / (t(n) -
 * t(1))}, which takes the fixed cost out. The single process runs ND4J with one thread per core
 * Spark has, so both sides use the same cores. Every comparison runs once to warm up (JIT), then
 * {@code repeats} times; the medians of the ratios close the report. Only ratios within one run
 * mean much on a shared machine.
 */
public final class ScoreBench {
    /**
     * What the bench runs: models from the zoo, the first {@code images} images (test images
     * first, then training images), each comparison {@code repeats} times.
     */
    public record Config(String data, List<String> models, int images, int batchSize, int repeats, long seed) {
        /** Images scored unless told otherwise: Fashion-MNIST's test set. */
        public static final int DEFAULT_IMAGES = 10_000;

        public Config {
            models = List.copyOf(models);
            if (models.isEmpty() || images < 2 || batchSize < 1 || repeats < 1) {
                throw new IllegalArgumentException("the score bench needs a model, at least 2 images, a batch size and a repeat");
            }
        }
    }

    /** One comparison's measured seconds; rates and ratios derive from them. */
    public record Result(String model, String input, int images, double fixedSeconds, double scoreSeconds,
                         double singleSeconds) {
        public double scoreRate() {
            return images / scoreSeconds;
        }

        /** Images per second without the fixed cost; infinite where the difference is not positive. */
        public double steadyRate() {
            return scoreSeconds > fixedSeconds ? (images - 1) / (scoreSeconds - fixedSeconds) : Double.POSITIVE_INFINITY;
        }

        public double singleRate() {
            return images / singleSeconds;
        }
    }

    private final JavaSparkContext spark;
    private final Config config;
    private final PrintStream out;

    public ScoreBench(JavaSparkContext spark, Config config, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.out = out;
    }

    public List<Result> run() {
        Path scratch = Scratch.create("sparkdp-score-bench-");
        try {
            ScoreBenchData data = ScoreBenchData.write(config.data(), config.images(), scratch);
            List<Result> results = new ArrayList<>();
            for (String name : config.models()) {
                results.addAll(runModel(name, data, scratch));
            }
            return results;
        } finally {
            Scratch.delete(scratch);
        }
    }

    private List<Result> runModel(String name, ScoreBenchData data, Path scratch) {
        MultiLayerNetwork network = ModelZoo.build(name, ModelRequest.of(new InputShape(1, data.height(), data.width()),
                10, config.seed(), OptimizerConfig.defaults()));
        String model = scratch.resolve(name + ".zip").toUri().toString();
        new ModelStore(spark.hadoopConfiguration()).save(network, model);
        double cold = score(model, "images:" + data.onePng().toUri(), scratch);
        out.printf(Locale.ROOT, "score bench %s: first run in this JVM, one image: %.2f s%n", name, cold);
        warmUp(name, model, network, data, scratch);
        List<Result> results = new ArrayList<>();
        for (int repeat = 1; repeat <= config.repeats(); repeat++) {
            results.add(report(idx(name, model, network, data, scratch), repeat));
            results.add(report(png(name, model, network, data, scratch), repeat));
        }
        summarize(results);
        return results;
    }

    private Result idx(String name, String model, MultiLayerNetwork network, ScoreBenchData data, Path scratch) {
        return new Result(name, "idx", data.images(), score(model, data.oneIdx(), scratch), score(model, data.idx(), scratch),
                singleFromMemory(network, data));
    }

    private Result png(String name, String model, MultiLayerNetwork network, ScoreBenchData data, Path scratch) {
        return new Result(name, "png", data.images(), score(model, "images:" + data.onePng().toUri(), scratch),
                score(model, "images:" + data.png().toUri(), scratch), singleFromFiles(network, data));
    }

    /**
     * Runs every comparison once, untimed for the ratios, so that both sides are measured with
     * their hot code compiled: the first pass of a JVM over a loop runs interpreted, and a long job
     * (the millions of images scoring is for) is past that within its first seconds. The pass's own
     * figures are printed, to show what a short command's first job pays.
     */
    private void warmUp(String name, String model, MultiLayerNetwork network, ScoreBenchData data, Path scratch) {
        for (Result r : List.of(idx(name, model, network, data, scratch), png(name, model, network, data, scratch))) {
            out.printf(Locale.ROOT, "score bench %s %s warm-up (not counted): score %.2f s, single-process %.2f s%n",
                    r.model(), r.input(), r.scoreSeconds(), r.singleSeconds());
        }
    }

    /** One line per input: the median ratios over the repeats, the figures the target is read from. */
    private void summarize(List<Result> results) {
        for (String input : List.of("idx", "png")) {
            List<Result> of = results.stream().filter(r -> r.input().equals(input)).toList();
            out.printf(Locale.ROOT, "score bench %s %s median of %d: whole/single %.2f, steady/single %.2f, score %.0f images/s, "
                            + "single-process %.0f images/s, fixed %.2f s%n", of.get(0).model(), input, of.size(),
                    median(of, r -> r.scoreRate() / r.singleRate()), median(of, r -> r.steadyRate() / r.singleRate()),
                    median(of, Result::scoreRate), median(of, Result::singleRate), median(of, Result::fixedSeconds));
        }
        out.flush();
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private Result report(Result r, int repeat) {
        String single = r.input().equals("idx") ? "output() on decoded pixels" : "read+decode+output()";
        out.printf(Locale.ROOT, "score bench %s %s #%d: fixed %.2f s | score %d images %.2f s = %.0f images/s, "
                        + "steady %.0f images/s | single-process %s %.0f images/s | steady/single %.2f, whole/single %.2f%n",
                r.model(), r.input(), repeat, r.fixedSeconds(), r.images(), r.scoreSeconds(), r.scoreRate(),
                r.steadyRate(), single, r.singleRate(), r.steadyRate() / r.singleRate(), r.scoreRate() / r.singleRate());
        out.flush();
        return r;
    }

    /** Wall seconds of one {@link ScoreJob} into a fresh output, as the command runs it. */
    private double score(String model, String input, Path scratch) {
        ScoreConfig score = new ScoreConfig(model, input, scratch.resolve("out").toUri().toString(),
                ScoreConfig.OutputFormat.PARQUET, ScoreConfig.defaults().topK(), config.batchSize(), true);
        long start = System.nanoTime();
        new ScoreJob(spark, score, line -> { }).run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code output()} over the pixels already in memory, one minibatch array after another. */
    private double singleFromMemory(MultiLayerNetwork network, ScoreBenchData data) {
        int size = data.height() * data.width();
        return singleProcess(network, data.images(), size, (index, batch, offset) -> {
            for (int j = 0; j < size; j++) {
                batch[offset + j] = ExampleBlock.scale(data.pixels()[index * size + j]);
            }
        });
    }

    /** Reads each PNG file, decodes it into the minibatch and calls {@code output()} per minibatch. */
    private double singleFromFiles(MultiLayerNetwork network, ScoreBenchData data) {
        List<Path> files = pngFiles(data.png());
        ImageDecoder decoder = new ImageDecoder(data.height(), data.width());
        return singleProcess(network, files.size(), data.height() * data.width(), (index, batch, offset) -> {
            try {
                decoder.decodeInto(Files.readAllBytes(files.get(index)), batch, offset);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Fills {@code batch[offset ..]} with image {@code index}'s features. */
    private interface Fill {
        void into(int index, float[] batch, int offset);
    }

    private double singleProcess(MultiLayerNetwork network, int images, int size, Fill fill) {
        NativeThreads.use(spark.defaultParallelism());
        int batchSize = config.batchSize();
        float[] batch = new float[batchSize * size];
        network.output(NativeArrays.create(batch, batchSize, size), false); // warm-up, at this thread count
        long start = System.nanoTime();
        for (int from = 0; from < images; from += batchSize) {
            int n = Math.min(batchSize, images - from);
            for (int i = 0; i < n; i++) {
                fill.into(from + i, batch, i * size);
            }
            float[] values = n == batchSize ? batch : java.util.Arrays.copyOf(batch, n * size);
            network.output(NativeArrays.create(values, n, size), false);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<Path> pngFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
