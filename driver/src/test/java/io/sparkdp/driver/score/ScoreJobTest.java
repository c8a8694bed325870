package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.HdfsFixture;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.driver.SparkFixture;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.driver.spark.SparkContexts;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores Fashion-MNIST test images exported as PNG files to a real HDFS, on Spark local[2], and
 * checks every row against DL4J's own {@code output()} on the same images in this process.
 */
class ScoreJobTest {
    /**
     * The first 1,000 test images, not the 10,000: all 10,000 pass too (largest probability
     * difference 1.19e-6), but they made this class 114 s instead of 57 s on the shared machine
     * (writing 10,000 files to HDFS is most of it). Raise it to check them all.
     */
    private static final int IMAGES = 1000;
    private static final int SMALL = 20;
    private static final Pattern FILE = Pattern.compile("class-(\\d+)/img-(\\d+)\\.png$");
    private static final List<String> CORRUPT = List.of("bad/not-an-image.png", "bad/truncated.png", "header-only.jpg");
    /**
     * DL4J's float32 forward pass differs in the last bits with the minibatch size (OpenBLAS picks
     * kernels by shape): Spark scores in batches of 64 or 500, the reference all images at once.
     * The largest difference seen was 1.13e-6, so the 1e-6 is too tight for float32.
     */
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path hdfsBase;
    private static HdfsFixture hdfs;
    private static String root;
    /** A client that polls for a closed file's completion every 10 ms, not HDFS's 400 ms: 1,000 small files. */
    private static org.apache.hadoop.fs.FileSystem writer;
    private static JavaSparkContext spark;
    private static MultiLayerNetwork network;
    private static String modelUri;
    private static float[][] features;
    private static int[] labels;
    private static INDArray reference;

    @BeforeAll
    static void exportImagesAndTrainModel() throws IOException {
        spark = SparkFixture.local(2);
        hdfs = HdfsFixture.start(hdfsBase);
        root = hdfs.root();
        var quickClose = new org.apache.hadoop.conf.Configuration(hdfs.conf());
        quickClose.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        writer = org.apache.hadoop.fs.FileSystem.newInstance(hdfs.fs().getUri(), quickClose);
        spark.hadoopConfiguration().setInt("dfs.replication", 1);
        var local = new org.apache.hadoop.conf.Configuration();
        IdxDataset test = IdxDataset.open(IdxSource.resolve("idx:/usr/share/datasets/fashion-mnist", IdxSource.Part.TEST, local), local);
        ExampleBlock block = test.readTrainShard(local, new ShardPlan(IMAGES, 0, 1, 0L), 0);
        features = new float[IMAGES][];
        labels = new int[IMAGES];
        // An HDFS create-and-close waits on the NameNode and the pipeline (about 20 ms on this
        // machine): writing the files from 16 threads cut the fixture's time about fourfold.
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            features[i] = block.range(i, i + 1).features();
            labels[i] = block.label(i);
            byte[] png = png(features[i]);
            String name = "/class-" + labels[i] + "/img-" + i + ".png";
            writes.add(writers.submit(() -> write(root + "/images" + name, png)));
            if (i < SMALL) {
                writes.add(writers.submit(() -> write(root + "/small" + name, png)));
            }
        }
        try {
            for (var done : writes) {
                done.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException("writing the test images to HDFS failed", e);
        } finally {
            writers.shutdown();
        }
        byte[] sample = png(features[0]);
        write(root + "/images/" + CORRUPT.get(0), "plain text".getBytes(StandardCharsets.US_ASCII));
        write(root + "/images/" + CORRUPT.get(1), Arrays.copyOf(sample, sample.length / 2));
        write(root + "/images/" + CORRUPT.get(2), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});
        write(root + "/images/README.txt", "not scored: not an image name".getBytes(StandardCharsets.US_ASCII));
        write(root + "/small/bad.png", "plain text".getBytes(StandardCharsets.US_ASCII));
        network = brieflyTrained(local);
        modelUri = root + "/models/mlp.zip";
        new ModelStore(spark.hadoopConfiguration()).save(network, modelUri);
        reference = network.output(Nd4j.create(features), false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (writer != null) {
            writer.close();
        }
        if (spark != null) {
            spark.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /** The MLP after one pass over 3,000 training images, single-process: enough to be far better than chance. */
    private static MultiLayerNetwork brieflyTrained(org.apache.hadoop.conf.Configuration conf) {
        MultiLayerNetwork mlp = ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 28, 28), 10, 7L, OptimizerConfig.defaults()));
        IdxDataset train = IdxDataset.open(IdxSource.resolve("idx:/usr/share/datasets/fashion-mnist", IdxSource.Part.TRAIN, conf), conf);
        ExampleBlock block = train.readTrainShard(conf, new ShardPlan(3000, 0, 1, 0L), 0);
        for (int from = 0; from < block.size(); from += 100) {
            var batch = block.range(from, from + 100);
            mlp.fit(new DataSet(Nd4j.create(batch.features(), new long[]{100, 784}),
                    Nd4j.create(batch.oneHotLabels(), new long[]{100, 10})));
        }
        return mlp;
    }

    private static byte[] png(float[] scaled) throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int j = 0; j < raster.length; j++) {
            raster[j] = (byte) Math.round(scaled[j] * 255f);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Void write(String uri, byte[] bytes) throws IOException {
        try (OutputStream out = writer.create(new org.apache.hadoop.fs.Path(uri))) {
            out.write(bytes);
        }
        return null;
    }

    private static ScoreSummary score(String input, String output, ScoreConfig.OutputFormat format, boolean overwrite) {
        ScoreConfig config = new ScoreConfig(modelUri, "images:" + input, output, format, 5, 64, overwrite);
        return new ScoreJob(spark, config, line -> { }).run();
    }

    private static List<Row> read(String output, ScoreConfig.OutputFormat format) {
        return SparkContexts.session(spark).read().schema(ScoreRows.schemaFor(format)).option("header", "true")
                .format(format.sparkSource()).load(output).collectAsList();
    }

    /** The image index of a scored row, from its file name. */
    private static int index(Row row) {
        Matcher m = FILE.matcher(row.getString(0));
        assertTrue(m.find(), "file name " + row.getString(0));
        return Integer.parseInt(m.group(2));
    }

    @Test
    void predictionsEqualSingleProcessDl4jAndCorruptFilesGetErrorRows() throws IOException {
        ScoreSummary summary = score(root + "/images", root + "/out/parquet", ScoreConfig.OutputFormat.PARQUET, false);
        assertEquals(IMAGES + CORRUPT.size(), summary.images(), "every image file has a row; README.txt is not read");
        assertEquals(CORRUPT.size(), summary.bad());

        var frame = SparkContexts.session(spark).read().parquet(root + "/out/parquet");
        assertEquals(ScoreRows.SCHEMA.simpleString(), frame.schema().simpleString(), "documented schema");
        assertDictionaries(root + "/out/parquet");
        List<Row> rows = frame.collectAsList();
        assertEquals(IMAGES + CORRUPT.size(), rows.size());
        int correct = 0;
        double maxDifference = 0;
        boolean[] seen = new boolean[IMAGES];
        for (Row row : rows) {
            if (!row.isNullAt(5)) {
                assertTrue(CORRUPT.stream().anyMatch(row.getString(0)::endsWith), "error row for a corrupt file: " + row);
                assertTrue(row.isNullAt(1) && row.isNullAt(2) && row.isNullAt(3) && row.isNullAt(4), "no prediction: " + row);
                continue;
            }
            int i = index(row);
            seen[i] = true;
            INDArray expected = reference.getRow(i);
            int argmax = expected.argMax().getInt(0);
            assertEquals(Integer.toString(argmax), row.getString(1), "class of image " + i);
            assertEquals(expected.getDouble(argmax), row.getDouble(2), TOLERANCE, "probability of image " + i);
            maxDifference = Math.max(maxDifference, Math.abs(expected.getDouble(argmax) - row.getDouble(2)));
            List<String> top = row.getList(3);
            List<Double> topP = row.getList(4);
            assertEquals(5, top.size());
            assertEquals(row.getString(1), top.get(0));
            for (int k = 0; k < 5; k++) {
                assertEquals(expected.getDouble(Integer.parseInt(top.get(k))), topP.get(k), TOLERANCE);
                assertTrue(k == 0 || topP.get(k) <= topP.get(k - 1), "most probable first");
            }
            correct += row.getString(1).equals(Integer.toString(labels[i])) ? 1 : 0;
        }
        for (int i = 0; i < IMAGES; i++) {
            assertTrue(seen[i], "image " + i + " scored");
        }
        System.out.printf("largest probability difference from single-process output(): %.3g%n", maxDifference);
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(Nd4j.create(oneHot(labels)), reference);
        assertEquals(evaluation.accuracy(), correct / (double) IMAGES, 1e-12, "accuracy from the output file");
        assertTrue(evaluation.accuracy() > 0.6, "the model learnt something: " + evaluation.accuracy());
    }

    /** Columns of distinct values are written without a Parquet dictionary, the class columns with one. */
    private static void assertDictionaries(String output) throws IOException {
        var part = Arrays.stream(hdfs.fs().listStatus(new org.apache.hadoop.fs.Path(output)))
                .filter(status -> status.getPath().getName().startsWith("part-")).findFirst().orElseThrow();
        java.util.Map<String, Boolean> dictionary = new java.util.HashMap<>();
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(part, hdfs.conf()))) {
            for (var column : reader.getFooter().getBlocks().get(0).getColumns()) {
                dictionary.put(column.getPath().toDotString(), column.hasDictionaryPage());
            }
        }
        for (String distinct : List.of("id", "probability", "top_probabilities.list.element")) {
            assertEquals(false, dictionary.get(distinct), distinct + " in " + dictionary);
        }
        for (String classes : List.of("prediction", "top_classes.list.element")) {
            assertEquals(true, dictionary.get(classes), classes + " in " + dictionary);
        }
    }

    private static float[][] oneHot(int[] classes) {
        float[][] out = new float[classes.length][10];
        for (int i = 0; i < classes.length; i++) {
            out[i][classes[i]] = 1;
        }
        return out;
    }

    /**
     * A model saved with sparkdp's metadata scores with it: predictions carry the saved class
     * names, and each image is normalised by the saved normaliser before the forward pass.
     */
    @Test
    void savedClassNamesAndNormalizerAreUsed() {
        List<String> names = java.util.stream.IntStream.range(0, 10).mapToObj(c -> "class " + (char) ('a' + c)).toList();
        float[] offset = new float[784];
        float[] scale = new float[784];
        Arrays.fill(offset, 0.25f);
        Arrays.fill(scale, 1.5f);
        io.sparkdp.data.Normalizer normalizer = new io.sparkdp.data.Normalizer(io.sparkdp.data.Normalization.STANDARDIZE, offset, scale);
        String named = root + "/named-model.zip";
        new io.sparkdp.driver.model.ModelStore(spark.hadoopConfiguration()).save(network,
                io.sparkdp.driver.model.ModelMetadata.of(new io.sparkdp.data.DataSchema(1, 28, 28, true, names), normalizer), named);
        ScoreConfig config = new ScoreConfig(named, "images:" + root + "/small", root + "/out/named",
                ScoreConfig.OutputFormat.JSONL, 3, 8, false);
        ScoreSummary summary = new ScoreJob(spark, config, line -> { }).run();
        assertEquals(SMALL, summary.images() - summary.bad(), "every image of the small set scored");
        for (Row row : read(root + "/out/named", ScoreConfig.OutputFormat.JSONL)) {
            if (!row.isNullAt(5)) {
                continue; // another test may have added a corrupt file to the small set
            }
            int i = index(row);
            float[] normalized = features[i].clone();
            normalizer.apply(normalized, 1, 784);
            INDArray expected = network.output(Nd4j.create(normalized, new long[]{1, 784}));
            int argmax = expected.argMax(1).getInt(0);
            assertEquals(names.get(argmax), row.getString(1), "saved class name of image " + i);
            assertEquals(expected.getDouble(0, argmax), row.getDouble(2), TOLERANCE, "probability after the saved normaliser");
        }
    }

    @Test
    void csvAndJsonLinesReadBack() {
        for (ScoreConfig.OutputFormat format : List.of(ScoreConfig.OutputFormat.CSV, ScoreConfig.OutputFormat.JSONL)) {
            String output = root + "/out/" + format;
            ScoreSummary summary = score(root + "/small", output, format, false);
            assertEquals(SMALL + 1, summary.images(), format.toString());
            assertEquals(1, summary.bad(), format.toString());
            List<Row> rows = read(output, format);
            assertEquals(SMALL + 1, rows.size(), format.toString());
            for (Row row : rows) {
                if (row.getString(0).endsWith("bad.png")) {
                    assertNotNull(row.getString(5));
                    assertNull(row.get(1));
                    continue;
                }
                int i = index(row);
                assertEquals(Integer.toString(reference.getRow(i).argMax().getInt(0)), row.getString(1), format + " image " + i);
                assertEquals(reference.getRow(i).maxNumber().doubleValue(), row.getDouble(2), TOLERANCE);
                Object top = row.get(3);
                int listed = format == ScoreConfig.OutputFormat.CSV ? ((String) top).split(";").length : row.getList(3).size();
                assertEquals(5, listed, format + " top-k " + top);
            }
        }
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() {
        String output = root + "/out/twice";
        score(root + "/small", output, ScoreConfig.OutputFormat.PARQUET, false);
        ModelStore.StorageException refused = assertThrows(ModelStore.StorageException.class,
                () -> score(root + "/small", output, ScoreConfig.OutputFormat.PARQUET, false));
        assertEquals("output " + output + " already exists; pass --overwrite to replace it", refused.getMessage());
        ScoreSummary again = score(root + "/small", output, ScoreConfig.OutputFormat.PARQUET, true);
        assertEquals(SMALL + 1, again.images(), "replaced, not appended");
        assertEquals(SMALL + 1, read(output, ScoreConfig.OutputFormat.PARQUET).size());
    }

    @Test
    void aDirectoryWithoutImageFilesIsRefusedInOneLine() throws IOException {
        write(root + "/no-images/notes/readme.txt", "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BadDataException none = assertThrows(BadDataException.class,
                () -> score(root + "/no-images", root + "/out/none", ScoreConfig.OutputFormat.PARQUET, false));
        assertEquals("no image files under " + root + "/no-images (bmp, gif, jpeg, jpg, png, in any letter case, at any depth)",
                none.getMessage());
    }

    /** The score bench, small: both comparisons of one model, rates from positive measured times. */
    @Test
    void theScoreBenchComparesIdxAndPngInputWithASingleProcess() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var config = new ScoreBench.Config("idx:/usr/share/datasets/fashion-mnist", List.of("mlp"), 200, 64, 1, 3L);
        List<ScoreBench.Result> results = new ScoreBench(spark, config, new java.io.PrintStream(printed, true)).run();
        assertEquals(List.of("idx", "png"), results.stream().map(ScoreBench.Result::input).toList());
        for (ScoreBench.Result r : results) {
            assertEquals(200, r.images());
            assertTrue(r.fixedSeconds() > 0 && r.scoreSeconds() > 0 && r.singleSeconds() > 0, r.toString());
        }
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("score bench mlp png #1: fixed ") && lines.contains("steady/single"), lines);
    }

    /**
     * All 10,000 decoded test images, the count: every prediction equals single-process
     * DL4J {@code output()} on the same pixels. (The 10,000 as PNG files on HDFS, through
     * {@code bin/sparkdp score} against {@code bin/sparkdp evaluate}, are {@code HdfsScoreIT}'s.)
     */
    /** A graph of two inputs, the top and bottom halves of each image, and two heads of the 10 classes. */
    private static io.sparkdp.models.network.Network twoHalvesTwoHeads() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(11).graphBuilder()
                .addInputs("top", "bottom")
                .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(392),
                        org.deeplearning4j.nn.conf.inputs.InputType.feedForward(392))
                .addLayer("top_dense", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(16).build(), "top")
                .addLayer("bottom_dense", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(16).build(), "bottom")
                .addVertex("merge", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "top_dense", "bottom_dense")
                .addLayer("main", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "merge")
                .addLayer("aux", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "top_dense")
                .setOutputs("main", "aux").build();
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        graph.init();
        return io.sparkdp.models.network.Network.of(graph);
    }

    @Test
    void aGraphOfTwoInputsScoresAsItsFirstHeadPredicts() {
        io.sparkdp.models.network.Network graph = twoHalvesTwoHeads();
        String uri = root + "/models/halves.zip";
        new ModelStore(spark.hadoopConfiguration()).save(graph,
                io.sparkdp.driver.model.ModelMetadata.of(new io.sparkdp.data.DataSchema(1, 28, 28, true,
                        io.sparkdp.data.DataSchema.indexNames(10)), io.sparkdp.data.Normalizer.none()), uri);
        String output = root + "/out/halves";
        ScoreConfig config = new ScoreConfig(uri, "images:" + root + "/small", output, ScoreConfig.OutputFormat.JSONL, 2, 8, false);
        ScoreSummary summary = new ScoreJob(spark, config, line -> { }).run();

        assertEquals(SMALL, summary.images() - summary.bad());
        for (Row row : read(output, ScoreConfig.OutputFormat.JSONL)) {
            if (!row.isNullAt(5)) {
                continue;
            }
            int i = index(row);
            INDArray expected = graph.output(Nd4j.create(features[i], new long[]{1, 784}));
            int argmax = expected.argMax(1).getInt(0);
            assertEquals(Integer.toString(argmax), row.getString(1), "image " + i);
            assertEquals(expected.getDouble(0, argmax), row.getDouble(2), TOLERANCE, "image " + i);
        }
    }

    @Test
    void idxInputIsScoredByRecordIndexAndAllTenThousandEqualSingleProcessOutput() {
        String output = root + "/out/idx";
        ScoreConfig config = new ScoreConfig(modelUri, "idx:/usr/share/datasets/fashion-mnist", output,
                ScoreConfig.OutputFormat.PARQUET, 3, 500, false);
        ScoreSummary summary = new ScoreJob(spark, config, line -> { }).run();
        assertEquals(10_000, summary.images());
        assertEquals(0, summary.bad());
        var local = new org.apache.hadoop.conf.Configuration();
        IdxDataset test = IdxDataset.open(IdxSource.resolve("idx:/usr/share/datasets/fashion-mnist", IdxSource.Part.TEST, local), local);
        ExampleBlock all = test.readTrainShard(local, new ShardPlan(10_000, 0, 1, 0L), 0);
        INDArray expected = network.output(Nd4j.create(all.range(0, 10_000).features(), new long[]{10_000, 784}), false);
        List<Row> rows = SparkContexts.session(spark).read().parquet(output).collectAsList();
        assertEquals(10_000, rows.size());
        boolean[] seen = new boolean[10_000];
        for (Row row : rows) {
            int i = Integer.parseInt(row.getString(0));
            seen[i] = true;
            int argmax = expected.getRow(i).argMax().getInt(0);
            assertEquals(Integer.toString(argmax), row.getString(1), "record " + i);
            assertEquals(expected.getDouble(i, argmax), row.getDouble(2), TOLERANCE, "record " + i);
            assertEquals(3, row.getList(3).size());
        }
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen[i], "record " + i + " scored");
        }
    }
}
