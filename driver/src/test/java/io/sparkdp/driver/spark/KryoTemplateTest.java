package io.sparkdp.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.Task;
import io.sparkdp.driver.SeasonalSequences;
import io.sparkdp.driver.TrainJob;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The serializer settings of {@code deploy/spark-defaults.conf} (Kryo with ND4J's registrator)
 * carry everything sparkdp sends: broadcasts, task results and cached blocks. Training under
 * them gives bit-for-bit the parameters that Java serialization gives, for both strategies.
 */
class KryoTemplateTest {
    private static final Path TEMPLATE = Path.of("../deploy/spark-defaults.conf");

    @TempDir
    Path dir;

    /** The template's {@code spark.serializer} and {@code spark.kryo*} lines. */
    static Map<String, String> templateSerialization() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TEMPLATE)) {
            String[] kv = line.trim().split("\\s+", 2);
            if (kv.length == 2 && (kv[0].equals("spark.serializer") || kv[0].startsWith("spark.kryo"))) {
                settings.put(kv[0], kv[1]);
            }
        }
        return settings;
    }

    @Test
    void sparkdpAddsItsRegistratorWhereKryoIsChosenWithoutIt() {
        SparkConf ndOnly = new SparkConf(false).set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        assertEquals("org.nd4j.kryo.Nd4jRegistrator,io.sparkdp.worker.SparkdpKryoRegistrator",
                SparkContexts.withTrainingDefaults(ndOnly).get("spark.kryo.registrator"));
        SparkConf javaSerializer = SparkContexts.withTrainingDefaults(new SparkConf(false));
        assertEquals(false, javaSerializer.contains("spark.kryo.registrator"), "nothing added without Kryo");
    }

    private static JavaSparkContext context(Map<String, String> serialization) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("sparkdp-kryo-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        serialization.forEach(conf::set);
        return new JavaSparkContext(conf);
    }

    private float[][] trainBoth(Map<String, String> serialization) {
        try (JavaSparkContext spark = context(serialization)) {
            TrainConfig sync = TrainConfig.builder().data("idx:/usr/share/datasets/fashion-mnist").model("mlp").epochs(1)
                    .workers(2).seed(5L).validationSplit(0.1).limit(301).batchSize(64)
                    .output(dir.resolve("m.zip").toString()).overwrite(true).build();
            TrainConfig average = sync.toBuilder().strategy("average").averageEvery(2).build();
            return new float[][]{params(spark, sync), params(spark, average)};
        }
    }

    private static float[] params(JavaSparkContext spark, TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit().network().params().toFloatVector();
    }

    @Test
    void theTemplatesKryoSettingsTrainExactlyAsJavaSerialization() throws IOException {
        Map<String, String> kryo = templateSerialization();
        assertEquals("org.apache.spark.serializer.KryoSerializer", kryo.get("spark.serializer"), "template's serializer");
        assertEquals("org.nd4j.kryo.Nd4jRegistrator,io.sparkdp.worker.SparkdpKryoRegistrator",
                kryo.get("spark.kryo.registrator"), "template's registrators");

        float[][] java = trainBoth(Map.of());
        float[][] underKryo = trainBoth(kryo);
        assertArrayEquals(java[0], underKryo[0], "sync parameters under Kryo");
        assertArrayEquals(java[1], underKryo[1], "average parameters under Kryo");
    }

    @Test
    void csvseqSequencesTrainUnderTheTemplatesKryoAsUnderJavaSerialization() throws IOException {
        Path windows = dir.resolve("windows");
        SeasonalSequences.perStep(windows, SeasonalSequences.series(1L), SeasonalSequences.windows(60, false, 2L));
        float[][] both = new float[2][];
        List<Map<String, String>> serializations = List.of(Map.of(), templateSerialization());
        for (int i = 0; i < 2; i++) {
            try (JavaSparkContext spark = context(serializations.get(i))) {
                TrainConfig lstm = TrainConfig.builder().data("csvseq:" + windows.toUri()).model("lstm").epochs(1)
                        .input(DataConfig.defaults().withTask(Task.REGRESSION)).recipe(RecipeConfig.defaults()
                                .withModelArgs(Map.of("hidden", "8"))).workers(2).seed(5L).validationSplit(0.2).batchSize(16)
                        .recovery(RecoveryConfig.defaults().withCheckpointDir("none"))
                        .output(dir.resolve("seq.zip").toString()).overwrite(true).build();
                both[i] = params(spark, lstm);
            }
        }
        assertArrayEquals(both[0], both[1], "lstm parameters under Kryo");
    }
}
