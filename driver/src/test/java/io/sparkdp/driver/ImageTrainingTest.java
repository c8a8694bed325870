package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataConfig;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.PngTree;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.driver.model.ModelStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Training from an {@code images:} tree of real Fashion-MNIST PNGs: it trains exactly as training
 * from the same records in IDX form does, and the model carries the folder names as its classes.
 */
class ImageTrainingTest {
    private static final String FASHION = "idx:/usr/share/datasets/fashion-mnist";
    private static final int RECORDS = 3000;

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static String trainTree;
    private static String sameAsIdx;
    private static String testTree;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
        PngTree.writeIdxInListingOrder(tmp.resolve("idx"), PngTree.write(tmp.resolve("train"), IdxSource.Part.TRAIN, RECORDS));
        PngTree.write(tmp.resolve("test"), IdxSource.Part.TEST, 1000);
        sameAsIdx = "idx:" + tmp.resolve("idx").toUri();
        trainTree = "images:" + tmp.resolve("train").toUri();
        testTree = "images:" + tmp.resolve("test").toUri();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static TrainConfig.Builder mlp(String data, String output) {
        return TrainConfig.builder().data(data).model("mlp").epochs(2).batchSize(64).workers(2).seed(3L)
                .limit(RECORDS).validationSplit(0.1).output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none"));
    }

    private static double accuracy(String model, String data) {
        EvaluateConfig config = new EvaluateConfig(model, data, 500, 2, EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults());
        return new EvaluateJob(spark, config).run().classification().accuracy();
    }

    /**
     * The PNGs hold the IDX records' exact pixels; an IDX pair written in the tree's listing order
     * puts the same record at every index, so the split, the shards and every step are the same.
     */
    @Test
    void aModelTrainedFromPngsEqualsOneTrainedFromTheSameIdxRecords() {
        TrainResult fromPngs = new TrainJob(spark, mlp(trainTree, "png.zip").build(), List.of(), DataType.FLOAT).fit();
        TrainResult fromIdx = new TrainJob(spark, mlp(sameAsIdx, "idx.zip").build(), List.of(), DataType.FLOAT).fit();
        assertEquals(fromIdx.network().params(), fromPngs.network().params(), "bit-identical parameters");
        assertEquals(fromIdx.epochs().get(1).trainLoss(), fromPngs.epochs().get(1).trainLoss(), 0.0);
        double png = accuracy(fromPngs.output(), FASHION);
        assertTrue(png > 0.75, "PNG-trained test accuracy " + png);
        assertEquals(0, fromPngs.skipped().count());

        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadStored(fromPngs.output());
        assertEquals(PngTree.CLASS_NAMES, stored.metadata().orElseThrow().classNames());
        double onPngTestTree = accuracy(fromPngs.output(), testTree);
        assertTrue(onPngTestTree > 0.75, "accuracy on the PNG test tree " + onPngTestTree);
    }

    @Test
    void aSeparateValidationSetIsUsedInsteadOfAHeldOutFraction() {
        TrainConfig config = mlp(trainTree, "separate.zip").epochs(1).validationSplit(0).validation(testTree).build();
        TrainResult result = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
        assertEquals(RECORDS, result.epochs().get(0).examples(), "every record trains");
        assertEquals(1000, result.epochs().get(0).validation().orElseThrow().examples(), "validated on the 1,000 test PNGs");
    }

    @Test
    void validationDataWithOtherClassesIsRefused() {
        TrainConfig config = mlp(trainTree, "mismatch.zip").validationSplit(0).validation(FASHION).build();
        BadDataException e = assertThrows(BadDataException.class, () -> new TrainJob(spark, config, List.of(), DataType.FLOAT).fit());
        assertTrue(e.getMessage().contains("in classes [0, 1,") && e.getMessage().contains("0-tshirt"), e.getMessage());
    }

    /**
     * {@code --channels 3}: a small CNN reads the images as three planes (a gray PNG gives three
     * equal ones), learns, saves the shape with the model, and evaluation reads the test tree at it.
     */
    @Test
    void threeChannelImagesTrainACnnAndEvaluateAtTheSavedShape() {
        TrainConfig config = mlp(trainTree, "rgb.zip").model("cnn").epochs(1).learningRate(0.005)
                .recipe(io.sparkdp.driver.config.RecipeConfig.defaults().withModelArgs(java.util.Map.of("filters", "4,8", "dense", "32")))
                .input(DataConfig.defaults().withChannels(3)).build();
        TrainResult result = new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
        ModelStore.StoredModel stored = new ModelStore(spark.hadoopConfiguration()).loadStored(result.output());
        assertEquals(3, stored.metadata().orElseThrow().input().channels());
        assertEquals(3 * 28 * 28, stored.metadata().orElseThrow().input().featureSize());
        double onPngTestTree = accuracy(result.output(), testTree);
        assertTrue(onPngTestTree > 0.5, "3-channel CNN accuracy on the PNG test tree " + onPngTestTree);
    }
}
