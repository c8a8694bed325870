package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code csvseq:} sequences written in the test in DL4J's layouts: they arrive padded at the end,
 * feature-major, with their real lengths; labels per sequence or per step; normalization sees
 * only real steps; every bad input stops with its file and line. With {@code --task regression}
 * the labels are real-valued targets, per sequence or per step (padding 0, under the mask).
 */
class SequenceDataTest {
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    static Path tmp;
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private static Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** Sequences {@code a} (3 steps), {@code b} (1) and {@code c} (2) of 2 features, in {@code dir/features}. */
    private static void features(String dir) throws IOException {
        write(dir + "/features/a.csv", "1,2\n3,4\n5,6\n");
        write(dir + "/features/b.csv", "7,8\n");
        write(dir + "/features/c.csv", "9,10\n\n11,12\n");
    }

    private static String spec(String dir) {
        return "csvseq:" + tmp.resolve(dir).toUri();
    }

    private static InputData open(String spec, DataConfig config) {
        return InputFormats.open(spec, IdxSource.Part.TRAIN, config, SPARK.sc());
    }

    private static ExampleBlock all(InputData data) {
        DataSchema schema = data.schema();
        return ExampleBlock.concat(0, schema.featureSize(), Labels.emptyOf(schema), data.all(SPARK.sc(), 2).collect());
    }

    private static String failure(String spec, DataConfig config) {
        return assertThrows(BadDataException.class, () -> open(spec, config)).getMessage();
    }

    private static void fails(String spec, String fragment) {
        fails(spec, DataConfig.defaults(), fragment);
    }

    /** Reading {@code spec} with {@code config} fails with a one-line message holding {@code fragment}. */
    private static void fails(String spec, DataConfig config, String fragment) {
        String message = failure(spec, config);
        assertTrue(message.contains(fragment) && !message.contains("\n"), message);
    }

    @Test
    void sequencesArePaddedAtTheEndFeatureMajorWithTheirLengthsAndOneClassEach() throws IOException {
        features("one");
        write("one/labels/a.csv", "neg\n");
        write("one/labels/b.csv", "pos\n");
        write("one/labels/c.csv", "neg\n");
        InputData data = open(spec("one"), DataConfig.defaults());
        assertEquals(DataSchema.sequences(2, 3, List.of("neg", "pos"), false), data.schema());

        ExampleBlock block = all(data);
        Minibatch batch = block.range(0, block.size());
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6, 7, 0, 0, 8, 0, 0, 9, 11, 0, 10, 12, 0}, batch.features());
        assertArrayEquals(new int[] {3, 1, 2}, batch.steps().lengths());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0}, batch.steps().mask());
        assertArrayEquals(new int[] {0, 1, 0}, batch.classes());
    }

    @Test
    void sequencesOnHdfsArriveAsTheSameOnLocalDisk() throws IOException {
        features("hdfs");
        write("hdfs/labels/a.csv", "0\n1\n1\n");
        write("hdfs/labels/b.csv", "2\n");
        write("hdfs/labels/c.csv", "1\n0\n");
        hdfs.put(tmp.resolve("hdfs"), hdfs.root() + "/seqs");
        hdfs.conf().forEach(e -> SPARK.sc().hadoopConfiguration().set(e.getKey(), e.getValue()));

        InputData local = open(spec("hdfs"), DataConfig.defaults());
        InputData remote = open("csvseq:" + hdfs.root() + "/seqs", DataConfig.defaults());

        assertEquals(local.schema(), remote.schema());
        ExampleBlock expected = all(local);
        ExampleBlock actual = all(remote);
        assertArrayEquals(expected.range(0, 3).features(), actual.range(0, 3).features());
        assertEquals(expected.steps(), actual.steps());
        assertArrayEquals(((Labels.StepClasses) expected.labels()).indices(), ((Labels.StepClasses) actual.labels()).indices());
    }

    @Test
    void labelsFilesOfOneLinePerStepAndALabelColumnGiveAClassPerStep() throws IOException {
        features("steps");
        write("steps/labels/a.csv", "0\n1\n1\n");
        write("steps/labels/b.csv", "2\n");
        write("steps/labels/c.csv", "1\n0\n");
        InputData data = open("csvseq:" + tmp.resolve("steps/features").toUri() + "," + tmp.resolve("steps/labels").toUri(),
                DataConfig.defaults());
        assertTrue(data.schema().stepLabels());
        Labels.StepClasses labels = (Labels.StepClasses) all(data).labels();
        int pad = Labels.StepClasses.PADDING;
        assertArrayEquals(new int[] {0, 1, 1, 2, pad, pad, 1, 0, pad}, labels.indices());
        float[] oneHot = labels.select(new int[] {2}).matrix(); // [class][step] of c: steps 1, 0, padding
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 0}, oneHot);

        write("column/a.csv", "1,2,x\n3,4,y\n");
        write("column/b.csv", "5,6,y\n");
        InputData column = open(spec("column"), DataConfig.defaults());
        assertEquals(DataSchema.sequences(2, 2, List.of("x", "y"), true), column.schema());
        ExampleBlock block = all(column);
        assertArrayEquals(new float[] {1, 3, 2, 4, 5, 0, 6, 0}, block.range(0, 2).features());
        assertArrayEquals(new int[] {0, 1, 1, pad}, ((Labels.StepClasses) block.labels()).indices());
    }

    @Test
    void normalizationStatisticsCountRealStepsOnlyAndPaddingStaysZero() throws IOException {
        features("norm");
        for (String name : List.of("a", "b", "c")) {
            write("norm/labels/" + name + ".csv", name.equals("b") ? "1\n" : "0\n");
        }
        ExampleBlock block = all(open(spec("norm"), DataConfig.defaults()));
        FeatureStats stats = FeatureStats.empty(2).add(block);
        assertEquals(6, stats.count(), "six real steps");
        double[][] summary = stats.summary();
        assertEquals(6.0, summary[2][0], 1e-9, "mean of 1,3,5,7,9,11");
        assertEquals(7.0, summary[2][1], 1e-9);
        assertEquals(Math.sqrt(35.0 / 3), summary[3][0], 1e-9);
        Normalizer standardize = stats.fit(Normalization.STANDARDIZE);
        float[] features = block.normalizedBy(standardize).range(1, 2).features(); // b: one real step, then padding
        assertEquals((7 - 6) / Math.sqrt(35.0 / 3), features[0], 1e-6);
        assertEquals(0f, features[1]);
        assertEquals(0f, features[2]);
    }

    @Test
    void dataReadForAModelIsPaddedToItsLengthAndALongerSequenceIsRefused() throws IOException {
        features("model");
        for (String name : List.of("a", "b", "c")) {
            write("model/labels/" + name + ".csv", "0\n");
        }
        DataConfig known = DataConfig.defaults().withKnownClasses(List.of("0", "1"));
        InputData padded = open(spec("model"), known.withNumFeatures(2 * 5));
        assertEquals(5, padded.schema().width());
        assertEquals(List.of("0", "1"), padded.schema().classNames());
        String longer = failure(spec("model"), known.withNumFeatures(2 * 2));
        assertTrue(longer.contains("a.csv: 3 time steps, more than the 2"), longer);
    }

    @Test
    void eachBadInputStopsWithItsFileAndLine() throws IOException {
        write("wide/features/a.csv", "1,2\n3,4,5\n");
        write("wide/labels/a.csv", "0\n");
        fails(spec("wide"), "a.csv:2: 3 values, but the time steps have 2");

        write("nan/features/a.csv", "1,2\n3,NaN\n");
        write("nan/labels/a.csv", "0\n");
        fails(spec("nan"), "a.csv:2: column 1 is NaN; features must be finite");

        write("inf/features/a.csv", "1,-Infinity\n");
        write("inf/labels/a.csv", "0\n");
        fails(spec("inf"), "a.csv:1: column 1 is -Infinity");

        write("outside/features/a.csv", "1,2\n");
        write("outside/labels/a.csv", "0\n");
        write("outside/features/b.csv", "1,2\n");
        write("outside/labels/b.csv", "7\n");
        String outside = failure(spec("outside"), DataConfig.defaults().withNumClasses(3));
        assertTrue(outside.contains("b.csv:1") && outside.contains("7"), outside);

        write("unlabelled/features/a.csv", "1,2\n");
        write("unlabelled/features/b.csv", "1,2\n");
        write("unlabelled/labels/a.csv", "0\n");
        fails(spec("unlabelled"), "b.csv has no labels file ");

        write("empty/features/a.csv", "1,2\n");
        write("empty/features/b.csv", "\n");
        write("empty/labels/a.csv", "0\n");
        write("empty/labels/b.csv", "1\n");
        fails(spec("empty"), "b.csv: empty sequence: the file has no rows");

        write("length/features/a.csv", "1,2\n3,4\n5,6\n");
        write("length/labels/a.csv", "0\n1\n");
        String length = failure(spec("length"), DataConfig.defaults());
        assertTrue(length.contains("a.csv: 2 label lines, but its features file") && length.contains("has 3 time steps"), length);

        write("mixed/features/a.csv", "1,2\n3,4\n");
        write("mixed/labels/a.csv", "0\n1\n");
        write("mixed/features/b.csv", "1,2\n3,4\n");
        write("mixed/labels/b.csv", "0\n");
        fails(spec("mixed"), "a data set has one or the other");

        String missing = failure("csvseq:" + tmp.resolve("nowhere").toUri(), DataConfig.defaults());
        assertTrue(missing.startsWith("data path does not exist"), missing);
        assertFalse(failure("csvseq:", DataConfig.defaults()).isBlank());
    }

    private static final DataConfig TARGETS = DataConfig.defaults().withTargetSequences(true, 0);

    @Test
    void targetSequencesHaveTheirOwnLengthsEachEndedByTheEndTokenUnderTheirOwnPadding() throws IOException {
        features("targets");
        write("targets/labels/a.csv", "x\n");
        write("targets/labels/b.csv", "y\nx\ny\nx\n");
        write("targets/labels/c.csv", "y\ny\n");
        InputData data = open(spec("targets"), TARGETS);
        assertEquals(DataSchema.targetSequences(2, 3, List.of("x", "y"), 4), data.schema());
        assertEquals(List.of("x", "y", DataSchema.END_OF_SEQUENCE), data.schema().classNames());
        assertEquals(5, data.schema().labelSteps(), "the longest target and its end");

        ExampleBlock block = all(data);
        Minibatch batch = block.range(0, block.size());
        assertArrayEquals(new int[] {3, 1, 2}, batch.steps().lengths(), "the sources keep their own lengths");
        Labels.StepClasses labels = (Labels.StepClasses) batch.labels();
        int pad = Labels.StepClasses.PADDING;
        int end = 2;
        assertArrayEquals(new int[] {0, end, pad, pad, pad, 1, 0, 1, 0, end, 1, 1, end, pad, pad}, labels.indices());
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, labels.mask());

        write("targets-column/a.csv", "1,2,x\n3,4,y\n");
        write("targets-column/b.csv", "5,6,y\n");
        InputData column = open(spec("targets-column"), TARGETS);
        assertEquals(DataSchema.targetSequences(2, 2, List.of("x", "y"), 2), column.schema(), "a row's label column is a token");
        assertArrayEquals(new int[] {0, 1, end, 1, end, pad}, ((Labels.StepClasses) all(column).labels()).indices());
    }

    @Test
    void targetSequencesReadForAModelArePaddedToItsLongestAndBadOnesAreRefused() throws IOException {
        features("model-targets");
        write("model-targets/labels/a.csv", "0\n1\n1\n1\n");
        write("model-targets/labels/b.csv", "1\n");
        write("model-targets/labels/c.csv", "0\n0\n");
        List<String> classes = List.of("0", "1", "2", DataSchema.END_OF_SEQUENCE);
        DataConfig model = DataConfig.defaults().withKnownClasses(classes).withNumFeatures(2 * 3);
        InputData padded = open(spec("model-targets"), model.withTargetSequences(true, 6));
        assertEquals(DataSchema.targetSequences(2, 3, List.of("0", "1", "2"), 6), padded.schema());
        assertEquals(7, ((Labels.StepClasses) all(padded).labels()).steps());

        String longer = failure(spec("model-targets"), model.withTargetSequences(true, 3));
        assertTrue(longer.contains("labels/a.csv: a target of 4 tokens, more than the 3 the model was built for"), longer);

        write("model-targets/labels/c.csv", "0\n3\n");
        String outside = failure(spec("model-targets"), model.withTargetSequences(true, 6));
        assertTrue(outside.contains("c.csv:2: label 3 is outside the model's 3 classes 0..2"), outside);

        write("reserved/features/a.csv", "1,2\n");
        write("reserved/labels/a.csv", "x\n" + DataSchema.END_OF_SEQUENCE + "\n");
        fails(spec("reserved"), TARGETS, "a.csv:2: the token <eos> is reserved");
        write("reserved/labels/a.csv", "\n");
        fails(spec("reserved"), TARGETS, "a.csv: empty labels file; it must hold the sequence's target sequence");
        write("reserved/labels/a.csv", "x,y\n");
        fails(spec("reserved"), TARGETS, "a.csv:1: 2 values; a label is one value, a token (one per line)");
    }

    private static final DataConfig REGRESSION = DataConfig.defaults().withTask(Task.REGRESSION);

    @Test
    void regressionTargetsPerSequenceAreRowsOfOneOrMoreNumbers() throws IOException {
        features("seqreg");
        write("seqreg/labels/a.csv", "0.5,-1\n");
        write("seqreg/labels/b.csv", "2,3e-1\n");
        write("seqreg/labels/c.csv", "-4,7\n");
        InputData data = open(spec("seqreg"), REGRESSION);
        assertEquals(DataSchema.sequenceTargets(2, 3, List.of("y0", "y1"), false), data.schema());

        Minibatch batch = all(data).range(0, 3);
        assertArrayEquals(new float[] {0.5f, -1, 2, 0.3f, -4, 7}, ((Labels.Targets) batch.labels()).values());
        assertArrayEquals(new int[] {3, 1, 2}, batch.steps().lengths());
    }

    @Test
    void regressionTargetsPerStepArePaddedWithZerosInTheRecurrentLayout() throws IOException {
        features("stepreg");
        write("stepreg/labels/a.csv", "1.5\n2.5\n3.5\n");
        write("stepreg/labels/b.csv", "4\n");
        write("stepreg/labels/c.csv", "5\n6\n");
        write("stepcolumn/a.csv", "1,10,-1\n2,20,-2\n3,30,-3\n");
        write("stepcolumn/b.csv", "4,40,-4\n");
        write("stepcolumn/c.csv", "5,50,-5\n6,60,-6\n");

        InputData files = open(spec("stepreg"), REGRESSION);
        assertEquals(DataSchema.sequenceTargets(2, 3, List.of("y"), true), files.schema());
        Minibatch batch = all(files).range(0, 3);
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f, 4, 0, 0, 5, 6, 0}, batch.labels().matrix());

        InputData column = open(spec("stepcolumn"), REGRESSION.withLabelColumn("2,1"));
        assertEquals(DataSchema.sequenceTargets(1, 3, List.of("y0", "y1"), true), column.schema());
        Minibatch rows = all(column).range(0, 3);
        assertArrayEquals(new float[] {1, 2, 3, 4, 0, 0, 5, 6, 0}, rows.features());
        assertArrayEquals(new float[] {-1, -2, -3, 10, 20, 30, -4, 0, 0, 40, 0, 0, -5, -6, 0, 50, 60, 0},
                rows.labels().matrix(), "targets in the order --label-column names them");
        Labels targets = rows.labels();
        assertArrayEquals(targets.matrix(), targets.empty().join(List.of(targets.select(new int[] {0}),
                targets.select(new int[] {1, 2}))).matrix(), "StepTargets join what they select");
    }

    @Test
    void eachBadTargetStopsWithItsFileAndLine() throws IOException {
        write("nantarget/features/a.csv", "1,2\n3,4\n");
        write("nantarget/labels/a.csv", "0.5\nNaN\n");
        assertTrue(failure(spec("nantarget"), REGRESSION).endsWith("a.csv:2: target 0 is NaN; targets must be finite"));

        write("inftarget/a.csv", "1,2,Infinity\n");
        assertTrue(failure(spec("inftarget"), REGRESSION).endsWith("a.csv:1: target 0 is Infinity; targets must be finite"));

        write("texttarget/features/a.csv", "1,2\n");
        write("texttarget/labels/a.csv", "up\n");
        assertTrue(failure(spec("texttarget"), REGRESSION).endsWith("a.csv:1: target 0 is 'up', not a number"));

        write("widths/features/a.csv", "1,2\n");
        write("widths/labels/a.csv", "1,2\n");
        write("widths/features/b.csv", "1,2\n");
        write("widths/labels/b.csv", "1\n");
        String widths = failure(spec("widths"), REGRESSION);
        assertTrue(widths.contains("1 targets, but") && widths.contains("has 2; every sequence has as many targets"), widths);
        assertFalse(widths.contains("\n"), widths);
    }
}
