package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.driver.checkpoint.CheckpointStore;
import io.sparkdp.driver.config.CheckpointInterval;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.network.Seq2SeqNetwork;
import io.sparkdp.worker.ClassificationMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code seq2seq} through {@code local[2]} on real sequence tasks made here ({@link DigitSequences}):
 * sorting sequences of 3 to 7 digits (targets as long as their sources), and decoding the distinct
 * digits of 3 to 8, sorted (targets of their own length, shorter than their sources by as many
 * digits as repeat). It learns to decode held-out sequences greedily, stopping at the end token
 * where the target ends: exact-sequence accuracy counts a sequence right only with its tokens and
 * its length. Validation and {@code evaluate} report the same figures; the saved model loads back as
 * a seq2seq network whose schema keeps the longest target, and {@code evaluate} refuses a longer one
 * and a token outside the vocabulary in one line; one worker with {@code sync} equals DL4J's own fit
 * of the teacher-forced graph on the same batches under their features and labels masks;
 * {@code average} checkpoints and resumes exactly.
 */
class Seq2SeqTrainingTest {
    private static final int TRAIN = 1200;
    private static final int TEST = 300;
    private static final int DISTINCT_TRAIN = 1500;

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static String train;
    private static String test;
    private static String distinctTrain;
    private static String distinctTest;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
        DigitSequences.write(tmp.resolve("train"), DigitSequences.Task.SORT, TRAIN, 1);
        DigitSequences.write(tmp.resolve("test"), DigitSequences.Task.SORT, TEST, 2);
        DigitSequences.writeDistinct(tmp.resolve("distinct-train"), DISTINCT_TRAIN, 11);
        DigitSequences.writeDistinct(tmp.resolve("distinct-test"), TEST, 12);
        train = "csvseq:" + tmp.resolve("train").toUri();
        test = "csvseq:" + tmp.resolve("test").toUri();
        distinctTrain = "csvseq:" + tmp.resolve("distinct-train").toUri();
        distinctTest = "csvseq:" + tmp.resolve("distinct-test").toUri();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static TrainConfig.Builder config(String strategy, String output) {
        return TrainConfig.builder().data(train).validation(test).validationSplit(0).model("seq2seq").strategy(strategy)
                .epochs(4).batchSize(32).recipe(new RecipeConfig(Map.of("units", "64"), "auto", "auto", 0, 0, 0, 0, "cosine", 0.5, 1))
                .workers(2).optimizer("adam").learningRate(0.01).seed(7L).limit(TRAIN)
                .output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none"));
    }

    /** {@code config} on the distinct-digits task, whose targets have lengths of their own. */
    private static TrainConfig.Builder distinct(TrainConfig.Builder config) {
        return config.data(distinctTrain).validation(distinctTest).limit(DISTINCT_TRAIN);
    }

    private static TrainResult fit(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
    }

    private static EvaluateJob evaluate(String model, String data) {
        return new EvaluateJob(spark, new EvaluateConfig(model, data, 100, 2, EvaluateConfig.DEFAULT_TOP_K, "",
                DataConfig.defaults()));
    }

    @Test
    void itLearnsToSortDigitSequencesAndEvaluatesAndLoadsAsSeq2Seq() {
        TrainResult result = fit(config("sync", "sort.zip").build());
        ClassificationMetrics validation = result.epochs().get(result.epochs().size() - 1).validation().orElseThrow()
                .classification();
        double first = result.epochs().get(0).trainLoss();
        double last = result.epochs().get(result.epochs().size() - 1).trainLoss();
        result.epochs().forEach(e -> System.out.printf("epoch %d: train loss %.4f, exact sequences %.4f%n", e.epoch() + 1,
                e.trainLoss(), e.validation().orElseThrow().classification().sequenceAccuracy()));
        System.out.printf("seq2seq sync: train loss %.4f -> %.4f, held-out step accuracy %.4f, exact sequences %.4f of %d%n",
                first, last, validation.accuracy(), validation.sequenceAccuracy(), validation.sequences());
        assertEquals(TEST, validation.sequences());
        assertTrue(last < first / 2, "loss falls from " + first + " to " + last);
        assertTrue(validation.sequenceAccuracy() >= 0.95, "exact-sequence accuracy of greedy decoding on held-out"
                + " sequences: " + validation.sequenceAccuracy());
        assertTrue(validation.accuracy() > validation.sequenceAccuracy(), "a step is easier to get right than a sequence");

        ClassificationMetrics evaluated = evaluate(result.output(), test).run().classification();
        assertEquals(validation.sequenceAccuracy(), evaluated.sequenceAccuracy(), 1e-12, "evaluate decodes as validation did");
        assertEquals(validation.accuracy(), evaluated.accuracy(), 1e-12);

        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadStored(result.output());
        assertInstanceOf(Seq2SeqNetwork.class, stored.model(), "the zip loads back as a seq2seq network");
        TestNetworks.assertSameTraining(result.model(), stored.model(), 0);
        assertEquals(result.model().configuration().toJson(), stored.model().configuration().toJson());
    }

    @Test
    void oneWorkerSyncEqualsDl4jFitOfTheTeacherForcedGraph() {
        TrainConfig config = config("sync", "one.zip").validation("none").workers(1).epochs(1).limit(240).build();
        DataSchema schema = MaskedFitEquivalence.assertEqualsDl4jFit(spark, config);
        assertTrue(schema.stepLabels() && schema.channels() == DigitSequences.DIGITS && schema.width() == 7, "schema " + schema);
    }

    @Test
    void itLearnsToDecodeTheDistinctDigitsSortedAndStopsWhereTheTargetEnds() {
        TrainResult result = fit(distinct(config("sync", "distinct.zip")).epochs(6).build());
        result.epochs().forEach(e -> System.out.printf("epoch %d: train loss %.4f, exact sequences %.4f%n", e.epoch() + 1,
                e.trainLoss(), e.validation().orElseThrow().classification().sequenceAccuracy()));
        ClassificationMetrics validation = result.epochs().get(result.epochs().size() - 1).validation().orElseThrow()
                .classification();
        System.out.printf("seq2seq distinct-sorted: held-out step accuracy %.4f, exact sequences %.4f of %d%n",
                validation.accuracy(), validation.sequenceAccuracy(), validation.sequences());
        assertEquals(TEST, validation.sequences());
        assertTrue(validation.sequenceAccuracy() >= 0.95, "exact-sequence accuracy of greedy decoding, length included,"
                + " on held-out sequences: " + validation.sequenceAccuracy());

        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadStored(result.output());
        assertInstanceOf(Seq2SeqNetwork.class, stored.model());
        DataSchema schema = stored.metadata().map(ModelMetadata::input).orElseThrow();
        assertTrue(schema.targetSequences() && schema.targetSteps() <= DigitSequences.LONGEST_SOURCE
                && schema.targetSteps() >= DigitSequences.LONGEST_SOURCE - 2, "the longest target is saved: " + schema);
        assertEquals(DigitSequences.LONGEST_SOURCE, schema.width(), "and the longest source: " + schema);
        List<String> vocabulary = new ArrayList<>(DataSchema.indexNames(DigitSequences.DIGITS));
        vocabulary.add(DataSchema.END_OF_SEQUENCE);
        assertEquals(vocabulary, schema.classNames());
        assertEquals(vocabulary.size(), stored.model().outputSize());

        ClassificationMetrics evaluated = evaluate(result.output(), distinctTest).run().classification();
        assertEquals(validation.sequenceAccuracy(), evaluated.sequenceAccuracy(), 1e-12, "evaluate decodes as validation did");
        assertEquals(validation.accuracy(), evaluated.accuracy(), 1e-12);

        assertRefused(result.output(), "long", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", "long.csv: a target of 10 tokens, more than the "
                + schema.targetSteps() + " the model was built for; targets are never truncated");
        assertRefused(result.output(), "outside", "1\n12\n", "outside.csv:2: label 12 is outside the model's 10 classes 0..9");
    }

    /** {@code evaluate} of a data set of one source and the target {@code labels} fails with {@code message}, one line. */
    private static void assertRefused(String model, String name, String labels, String message) {
        Path dir = tmp.resolve("bad-" + name);
        try {
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("labels"));
            Files.writeString(dir.resolve("features").resolve(name + ".csv"), DigitSequences.oneHot(new int[] {3, 1, 4}));
            Files.writeString(dir.resolve("labels").resolve(name + ".csv"), labels);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String error = assertThrows(BadDataException.class, () -> evaluate(model, "csvseq:" + dir.toUri()).run()).getMessage();
        assertTrue(error.contains(message), error);
        assertFalse(error.contains("\n"), "one line: " + error);
    }

    @Test
    void oneWorkerSyncEqualsDl4jFitUnderSeparateFeaturesAndLabelsMasks() {
        TrainConfig config = distinct(config("sync", "one-distinct.zip")).validation("none").workers(1).epochs(1).limit(240)
                .build();
        DataSchema schema = MaskedFitEquivalence.assertEqualsDl4jFit(spark, config);
        assertTrue(schema.targetSequences() && schema.labelSteps() == schema.targetSteps() + 1, "schema " + schema);
    }

    @Test
    void averageCheckpointsAndResumesExactly() {
        Path checkpoints = tmp.resolve("ck");
        RecoveryConfig recovery = RecoveryConfig.defaults().withCheckpointDir(checkpoints.toString())
                .withCheckpointEvery(CheckpointInterval.epochs(1));
        TrainConfig twoEpochs = distinct(config("average", "average.zip")).validation("none").limit(160).epochs(2).averageEvery(2)
                .recipe(RecipeConfig.defaults().withModelArgs(Map.of("units", "32"))).build(); // cosine would tie --epochs
        TrainResult straight = fit(twoEpochs);
        fit(twoEpochs.toBuilder().epochs(1).recovery(recovery).build());
        assertTrue(new CheckpointStore(spark.hadoopConfiguration(), recovery.checkpointDir()).latest().isPresent());
        TrainResult resumed = fit(twoEpochs.toBuilder().recovery(recovery.withResume(RecoveryConfig.Resume.REQUIRED)).build());

        assertInstanceOf(Seq2SeqNetwork.class, resumed.model());
        TestNetworks.assertSameTraining(straight.model(), resumed.model(), 1e-6);
        assertTrue(straight.epochs().get(1).trainLoss() < straight.epochs().get(0).trainLoss(), "loss falls");
    }
}
