package io.sparkdp.driver.score;

import static io.sparkdp.driver.score.SequenceFiles.decode;
import static io.sparkdp.driver.score.SequenceFiles.fileOf;
import static io.sparkdp.driver.score.SequenceFiles.firstLine;
import static io.sparkdp.driver.score.SequenceFiles.sequence;
import static io.sparkdp.driver.score.SequenceFiles.writeTrends;
import static io.sparkdp.driver.score.SequenceFiles.writeWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.HdfsExtension;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Normalizer;
import io.sparkdp.driver.DigitSequences;
import io.sparkdp.driver.EvaluateJob;
import io.sparkdp.driver.SparkFixture;
import io.sparkdp.driver.TaggedSequences;
import io.sparkdp.driver.TrainJob;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.models.SequenceLabels;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.ClassificationMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code sparkdp score} of {@code csvseq:} sequences on local[2], with models trained here for a
 * few seconds: an LSTM classifier of variable-length sequences (standardised) writes for every
 * sequence exactly the network's own output on that sequence alone, unpadded, and its accuracy from
 * the rows is {@code sparkdp evaluate}'s; so do an attention graph and a {@code forecast} regressor; a seq2seq model writes the sequences its own greedy
 * decoder gives, and their exact-match fraction is evaluate's exact-sequence accuracy; bad
 * sequences become error rows; a step width that does not fit the model is refused in one line;
 * sequences on HDFS score as on local disk.
 */
class SequenceScoreTest {
    /** DL4J's float32 forward pass differs in the last bits with the minibatch size and padding. */
    private static final double TOLERANCE = 1e-5;
    private static final int FEATURES = 2;

    @TempDir
    static Path tmp;
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    private static JavaSparkContext spark;
    private static String lstm;
    private static String seq2seq;
    private static Path lstmTest;
    private static Path seq2seqTest;

    @BeforeAll
    static void train() {
        spark = SparkFixture.local(2);
        writeTrends(tmp.resolve("trend-train"), 240, 1L);
        lstmTest = writeTrends(tmp.resolve("trend-test"), 60, 2L);
        DataConfig standardized = DataConfig.defaults().withNormalize(Normalization.STANDARDIZE);
        lstm = fit(base("lstm", "trend-train", "lstm.zip").input(standardized)
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("hidden", "8"))).epochs(5).build());
        DigitSequences.writeDistinct(tmp.resolve("digits-train"), 400, 11);
        DigitSequences.writeDistinct(tmp.resolve("digits-test"), 50, 12);
        seq2seqTest = tmp.resolve("digits-test");
        seq2seq = fit(base("seq2seq", "digits-train", "seq2seq.zip")
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("units", "32"))).epochs(3).build());
    }

    private static TrainConfig.Builder base(String model, String data, String output) {
        return TrainConfig.builder().data("csvseq:" + tmp.resolve(data).toUri()).validation("none").validationSplit(0)
                .model(model).batchSize(32).workers(2).optimizer("adam").learningRate(0.01).seed(3L)
                .output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none"));
    }

    private static String fit(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit().output();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ScoreSummary score(String model, String input, String output, ScoreConfig.OutputFormat format) {
        // the default --top-k, 5, on models of 3 classes and fewer: capped at the model's classes
        return new ScoreJob(spark, new ScoreConfig(model, input, output, format, ScoreConfig.defaults().topK(), 16, false),
                line -> { }).run();
    }

    /** The Parquet rows of {@code model} scoring the {@code count} good sequences of {@code data}, read back. */
    private static Dataset<Row> scoredParquet(String model, Path data, int count) {
        String output = tmp.resolve("scores-" + Path.of(model).getFileName() + "-" + data.getFileName()).toString();
        ScoreSummary summary = score(model, "csvseq:" + data.toUri(), output, ScoreConfig.OutputFormat.PARQUET);
        assertEquals(count, summary.images());
        assertEquals(0, summary.bad());
        assertTrue(summary.line().startsWith("scored " + count + " sequences (0 bad)"), summary.line());
        return SparkContexts.session(spark).read().parquet(output);
    }

    private static ModelStore.StoredModel load(String model) {
        return new ModelStore(spark.hadoopConfiguration()).loadForInference(model);
    }

    /**
     * The network's own output on one sequence alone: unpadded and unmasked, or for a network of a
     * fixed length (attention) padded to {@code padTo} steps under its mask, as evaluation reads it.
     */
    private static INDArray ownOutput(Network network, Path file, Normalizer normalizer, int padTo) throws IOException {
        INDArray alone = sequence(file, normalizer);
        if (padTo == 0) {
            return network.output(alone);
        }
        long steps = alone.size(2);
        INDArray padded = Nd4j.zeros(DataType.FLOAT, 1, alone.size(1), padTo);
        padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, steps)).assign(alone);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 1, padTo);
        mask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, steps)).assign(1);
        return network.output(new DataSet(padded, null, mask, null));
    }

    /**
     * The classifier case: every row is the network's own output on its sequence alone
     * (the scorer pads it to the model's length under a mask and normalises real steps), the
     * accuracy from the rows is what evaluate reports on the same files, and the Parquet file
     * reads back with the classifier's schema.
     */
    @Test
    void aSequenceClassifierWritesTheNetworksOutputAndEvaluatesAccuracy() throws IOException {
        assertFalse(load(lstm).metadata().orElseThrow().normalizer().identity(), "trained with --normalize standardize");
        int right = rightClassesOfOwnOutputs(lstm, false);
        ClassificationMetrics evaluated = new EvaluateJob(spark, new EvaluateConfig(lstm, "csvseq:" + lstmTest.toUri(), 100, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().classification();
        System.out.printf("lstm: accuracy from the rows %.4f, evaluate %.4f%n", right / 60.0, evaluated.accuracy());
        assertEquals(evaluated.accuracy(), right / 60.0, 1e-12, "accuracy from the output file");
        assertTrue(evaluated.accuracy() > 0.5, "it learned something: " + evaluated.accuracy());
    }

    /**
     * Scores the trend test sequences with {@code model}, asserts that every row is the network's
     * own output on its sequence alone and the Parquet file has the classifier's schema; returns
     * the rows whose prediction is the sequence's label.
     */
    private static int rightClassesOfOwnOutputs(String model, boolean fixedLength) throws IOException {
        Dataset<Row> frame = scoredParquet(model, lstmTest, 60);
        assertEquals(ScoreRows.SCHEMA.simpleString(), frame.schema().simpleString(), "the classifier's schema");
        ModelStore.StoredModel stored = load(model);
        List<String> names = stored.metadata().orElseThrow().input().classNames();
        Normalizer normalizer = stored.metadata().orElseThrow().normalizer();
        int right = 0;
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Row row : frame.collectAsList()) {
            assertTrue(row.isNullAt(5), row.toString());
            assertTrue(ids.add(row.getString(0)), "one row per sequence: " + row);
            Path file = fileOf(row.getString(0));
            double[] own = ownOutput(stored.model(), file, normalizer, fixedLength ? stored.metadata().orElseThrow().input().width()
                    : 0).castTo(DataType.DOUBLE).toDoubleVector();
            int best = 0;
            for (int c = 1; c < own.length; c++) {
                best = own[c] > own[best] ? c : best;
            }
            assertEquals(names.get(best), row.getString(1), row.toString());
            assertEquals(own[best], row.getDouble(2), TOLERANCE, row.toString());
            List<Double> top = row.getList(4);
            assertEquals(names.size(), top.size(), "the default top-k lists every class of a model of fewer");
            right += row.getString(1).equals(firstLine(lstmTest.resolve("labels").resolve(file.getFileName()))) ? 1 : 0;
        }
        assertEquals(60, ids.size());
        return right;
    }

    /**
     * A graph (the attention classifier, masked through its graph inputs) scores as the network
     * itself outputs; {@code forecast}, a regressor of the value after each window, writes its
     * target {@code y}, equal to its own output, and the MSE from the rows is evaluate's.
     */
    @Test
    void anAttentionGraphAndAForecastRegressorScoreEachSequence() throws IOException {
        String attention = fit(base("attention", "trend-train", "attention.zip").epochs(1).build());
        assertTrue(rightClassesOfOwnOutputs(attention, true) > 0);

        writeWindows(tmp.resolve("series-train"), 200, 0);
        Path test = writeWindows(tmp.resolve("series-test"), 40, 5000);
        String forecast = fit(base("forecast", "series-train", "forecast.zip").epochs(3)
                .input(DataConfig.defaults().withNormalize(Normalization.STANDARDIZE))
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("units", "8"))).build());
        Dataset<Row> frame = scoredParquet(forecast, test, 40);
        assertEquals("struct<id:string,y:double,error:string>", frame.schema().simpleString(), "documented schema");
        ModelStore.StoredModel stored = load(forecast);
        Normalizer normalizer = stored.metadata().orElseThrow().normalizer();
        assertFalse(normalizer.identity());
        double squares = 0;
        for (Row row : frame.collectAsList()) {
            Path file = fileOf(row.getString(0));
            double own = ownOutput(stored.model(), file, normalizer, 0).getDouble(0, 0);
            assertEquals(own, row.getDouble(1), TOLERANCE, row.toString());
            double error = Double.parseDouble(firstLine(test.resolve("labels").resolve(file.getFileName()))) - row.getDouble(1);
            squares += error * error;
        }
        double mse = new EvaluateJob(spark, new EvaluateConfig(forecast, "csvseq:" + test.toUri(), 100, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().regression().meanSquaredError();
        System.out.printf("forecast: MSE from the rows %.6f, evaluate %.6f%n", squares / 40, mse);
        assertEquals(mse, squares / 40, 1e-5 * mse, "MSE from the output file");
    }

    /**
     * A seq2seq model's rows are its greedy decodes: each equals the decoder run on the source
     * alone (unpadded) to the model's longest target, read up to its first end; the fraction equal
     * to their targets is evaluate's exact-sequence accuracy. JSON lines keep the columns.
     */
    @Test
    void aSeq2SeqModelWritesItsGreedilyDecodedSequences() throws IOException {
        Dataset<Row> frame = scoredParquet(seq2seq, seq2seqTest, 50);
        assertEquals("struct<id:string,prediction:string,length:int,probability:double,complete:boolean,error:string>",
                frame.schema().simpleString(), "documented schema");
        ModelStore.StoredModel stored = load(seq2seq);
        DataSchema schema = stored.metadata().orElseThrow().input();
        List<String> vocabulary = schema.classNames();
        int exact = 0;
        for (Row row : frame.collectAsList()) {
            Path file = fileOf(row.getString(0));
            INDArray source = sequence(file, Normalizer.none());
            SequenceFiles.Decode own = decode(stored.model(), source, schema.labelSteps(), vocabulary);
            assertEquals(own.tokens(), row.getString(1), row.toString());
            assertEquals(own.length(), row.getInt(2), row.toString());
            assertEquals(own.probability(), row.getDouble(3), 1e-4 * own.probability(), row.toString());
            assertEquals(own.complete(), row.getBoolean(4), row.toString());
            assertTrue(row.isNullAt(5), row.toString());
            String target = String.join(" ", Files.readAllLines(seq2seqTest.resolve("labels").resolve(file.getFileName()))
                    .stream().filter(l -> !l.isBlank()).toList());
            exact += row.getBoolean(4) && row.getString(1).equals(target) ? 1 : 0;
        }
        ClassificationMetrics evaluated = new EvaluateJob(spark, new EvaluateConfig(seq2seq, "csvseq:" + seq2seqTest.toUri(),
                100, 2, EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().classification();
        System.out.printf("seq2seq: exact from the rows %.4f, evaluate %.4f%n", exact / 50.0, evaluated.sequenceAccuracy());
        assertEquals(evaluated.sequenceAccuracy(), exact / 50.0, 1e-12, "exact-sequence accuracy from the output file");

        String jsonl = tmp.resolve("seq2seq-jsonl").toString();
        new ScoreJob(spark, new ScoreConfig(seq2seq, "csvseq:" + seq2seqTest.toUri(), jsonl, ScoreConfig.OutputFormat.JSONL, 50,
                16, false), line -> { }).run(); // --top-k beyond the vocabulary: seq2seq rows have no top-k
        List<Row> lines = SparkContexts.session(spark).read().schema(ScoreRows.Decoded.SCHEMA).json(jsonl).collectAsList();
        assertEquals(50, lines.size());
        assertTrue(lines.stream().allMatch(r -> r.getInt(2) == r.getString(1).split(" ").length || r.getInt(2) == 0));
    }

    /**
     * A tagger (a class per time step) writes a row per real step, named {@code <file>:<line>}, each
     * the network's own output at that step of its sequence alone; the label column is left out by
     * {@code --label-column}, and the accuracy over the rows is evaluate's, which counts real steps.
     */
    @Test
    void aTaggerWritesARowPerTimeStepNamedByItsLine() throws IOException {
        TaggedSequences.write(tmp.resolve("tags-train"), 300, 1L);
        Path test = tmp.resolve("tags-test");
        int steps = TaggedSequences.write(test, 40, 2L);
        String tagger = fit(base("lstm", "tags-train", "tagger.zip").epochs(4)
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("hidden", "16"))).build());
        String output = tmp.resolve("tags-scores").toString();
        ScoreSummary summary = new ScoreJob(spark, new ScoreConfig(tagger, "csvseq:" + test.toUri(), output,
                ScoreConfig.OutputFormat.PARQUET, 2, 16, false, new ScoreConfig.TabularOptions("2", "features", false, ",")),
                line -> { }).run();
        assertEquals(40, summary.images(), "sequences scored");
        assertEquals(0, summary.bad());
        Dataset<Row> frame = SparkContexts.session(spark).read().parquet(output);
        assertEquals(ScoreRows.SCHEMA.simpleString(), frame.schema().simpleString(), "the classifier's schema");
        ModelStore.StoredModel stored = load(tagger);
        List<String> names = stored.metadata().orElseThrow().input().classNames();
        int right = 0;
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Row row : frame.collectAsList()) {
            assertTrue(ids.add(row.getString(0)), "one row per step: " + row);
            String id = row.getString(0);
            Path file = Path.of(java.net.URI.create(id.substring(0, id.lastIndexOf(':'))));
            int line = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            INDArray own = stored.model().output(sequence(file, Normalizer.none(), 2));
            INDArray step = own.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(line - 1));
            int best = Nd4j.argMax(step).getInt(0);
            assertEquals(names.get(best), row.getString(1), row.toString());
            assertEquals(step.getDouble(best), row.getDouble(2), TOLERANCE, row.toString());
            right += row.getString(1).equals(Files.readAllLines(file).get(line - 1).split(",")[2]) ? 1 : 0;
        }
        assertEquals(steps, ids.size(), "a row per real step");
        ClassificationMetrics evaluated = new EvaluateJob(spark, new EvaluateConfig(tagger, "csvseq:" + test.toUri(), 100, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().classification();
        System.out.printf("tagger: accuracy over %d steps from the rows %.4f, evaluate %.4f%n", steps, (double) right / steps,
                evaluated.accuracy());
        assertEquals(evaluated.accuracy(), (double) right / steps, 1e-12, "accuracy over real steps from the output file");
    }

    /**
     * A forecaster of every next value (regression targets per step; an untrained seeded lstm, as
     * its rows are compared with its own output) writes a row per real step with its target column,
     * normalised by the statistics saved with it.
     */
    @Test
    void aPerStepForecasterWritesItsTargetsAtEveryStep() throws IOException {
        ModelRequest request = ModelRequest.of(new InputShape(1, 1, 8), 2, 4L, OptimizerConfig.defaults()).forRegression(1)
                .forSequences(SequenceLabels.PER_STEP);
        Normalizer normalizer = new Normalizer(Normalization.STANDARDIZE, new float[]{0.5f}, new float[]{2f});
        String model = tmp.resolve("per-step.zip").toString();
        new ModelStore(spark.hadoopConfiguration()).save(ModelZoo.create("lstm", request), ModelMetadata.of(
                DataSchema.sequenceTargets(1, 8, List.of("y"), true), normalizer), model);
        Path series = writeWindows(tmp.resolve("per-step"), 12, 100).resolve("features");
        String output = tmp.resolve("per-step-scores").toString();
        assertEquals(12, score(model, "csvseq:" + series.toUri(), output, ScoreConfig.OutputFormat.PARQUET).images());
        Dataset<Row> frame = SparkContexts.session(spark).read().parquet(output);
        assertEquals("struct<id:string,y:double,error:string>", frame.schema().simpleString());
        Network network = load(model).model();
        int rows = 0;
        for (Row row : frame.collectAsList()) {
            String id = row.getString(0);
            Path file = Path.of(java.net.URI.create(id.substring(0, id.lastIndexOf(':'))));
            int line = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            assertEquals(network.output(sequence(file, normalizer)).getDouble(0, 0, line - 1), row.getDouble(1), TOLERANCE, id);
            rows++;
        }
        int steps = 0;
        for (Path file : Files.list(series).toList()) {
            steps += Files.readAllLines(file).size();
        }
        assertEquals(steps, rows, "a row per real step");
    }

    /** Sequences on HDFS score as the same files on local disk, and the output goes to HDFS. */
    @Test
    void sequencesOnHdfsScoreAsOnLocalDisk() throws IOException {
        hdfs.put(lstmTest.resolve("features"), hdfs.root() + "/trend-test/features");
        String remote = hdfs.root() + "/trend-scores";
        assertEquals(60, score(lstm, "csvseq:" + hdfs.root() + "/trend-test", remote, ScoreConfig.OutputFormat.PARQUET).images());
        String local = tmp.resolve("trend-scores-local").toString();
        score(lstm, "csvseq:" + lstmTest.resolve("features").toUri(), local, ScoreConfig.OutputFormat.PARQUET);
        Map<String, String> expected = new java.util.HashMap<>();
        for (Row row : SparkContexts.session(spark).read().parquet(local).collectAsList()) {
            expected.put(fileOf(row.getString(0)).getFileName().toString(), row.getString(1) + " " + row.getDouble(2));
        }
        List<Row> rows = SparkContexts.session(spark).read().parquet(remote).collectAsList();
        assertEquals(60, rows.size());
        for (Row row : rows) {
            String id = row.getString(0);
            assertTrue(id.startsWith("hdfs://") && id.endsWith(":0"), id);
            String name = id.substring(id.lastIndexOf('/') + 1, id.length() - 2);
            assertEquals(expected.get(name), row.getString(1) + " " + row.getDouble(2), id);
        }
    }

    /**
     * Bad sequences are error rows naming file and line, counted as bad, and the good ones are
     * scored; a step width other than the model's, a missing path, a model of rows and rows for a
     * sequence model are refused in one line before any task runs.
     */
    @Test
    void badSequencesBecomeErrorRowsAndAWidthMismatchIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("a-good.csv"), "1.0,100\n2.0,101\n");
        Files.writeString(dir.resolve("b-width.csv"), "1.0,100\n2.0,101,7\n");
        Files.writeString(dir.resolve("c-text.csv"), "1.0,100\nabc,101\n");
        Files.writeString(dir.resolve("d-empty.csv"), "\n");
        Files.writeString(dir.resolve("e-long.csv"), "1,100\n".repeat(40));
        Files.writeString(dir.resolve("f-good.csv"), "-1.0,100\n-2.0,99\n-3.0,98\n");
        String output = tmp.resolve("bad-scores").toString();
        ScoreSummary summary = score(lstm, "csvseq:" + dir.toUri(), output, ScoreConfig.OutputFormat.JSONL);
        assertEquals(6, summary.images());
        assertEquals(4, summary.bad());
        Map<String, String> errors = new java.util.HashMap<>();
        for (Row row : SparkContexts.session(spark).read().schema(ScoreRows.SCHEMA).json(output).collectAsList()) {
            errors.put(fileOf(row.getString(0)).getFileName().toString(), row.isNullAt(5) ? "" : row.getString(5));
            assertEquals(row.isNullAt(5), !row.isNullAt(1), row.toString());
        }
        assertEquals("", errors.get("a-good.csv"));
        assertEquals("", errors.get("f-good.csv"));
        assertTrue(errors.get("b-width.csv").endsWith("b-width.csv:2: 3 fields, but the rows have 2"), errors.toString());
        assertTrue(errors.get("c-text.csv").endsWith("c-text.csv:2: column 0 is 'abc', not a number"), errors.toString());
        assertTrue(errors.get("d-empty.csv").endsWith("d-empty.csv: empty sequence: the file has no rows"), errors.toString());
        assertTrue(errors.get("e-long.csv").contains("40 time steps, more than the"), errors.toString());

        Path wide = Files.createDirectories(tmp.resolve("wide"));
        Files.writeString(wide.resolve("a.csv"), "1,2,3\n4,5,6\n");
        BadDataException refused = assertThrows(BadDataException.class,
                () -> score(lstm, "csvseq:" + wide.toUri(), tmp.resolve("wide-scores").toString(), ScoreConfig.OutputFormat.CSV));
        assertTrue(refused.getMessage().startsWith("input sequences have 3 values per time step but the model expects 2 ("),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
        assertFalse(Files.exists(tmp.resolve("wide-scores")), "nothing written");

        BadDataException missing = assertThrows(BadDataException.class, () -> score(lstm, "csvseq:" + tmp.resolve("none").toUri(),
                tmp.resolve("none-scores").toString(), ScoreConfig.OutputFormat.CSV));
        assertTrue(missing.getMessage().startsWith("input path does not exist: "), missing.getMessage());
        BadDataException rows = assertThrows(BadDataException.class, () -> score(lstm, "csv:" + dir.resolve("a-good.csv").toUri(),
                tmp.resolve("rows-scores").toString(), ScoreConfig.OutputFormat.CSV));
        assertEquals("the model reads sequences of 2 values per time step; score csvseq: input with it", rows.getMessage());
    }
}
