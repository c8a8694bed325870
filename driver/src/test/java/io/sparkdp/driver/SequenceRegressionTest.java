package io.sparkdp.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataConfig;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Task;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.worker.RegressionMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code --task regression} on csvseq sequences: forecasting the next value of a noisy seasonal
 * series ({@link SeasonalSequences}) from windows of 8 to 16 steps, padded and masked. Trained
 * through local[2], {@code lstm} (per step and per sequence), {@code gru} (per sequence) and {@code forecast}
 * (per sequence, implying the task) beat the naive
 * last-value forecast on held-out windows; evaluation reports what validation did, over real
 * steps only; one worker equals DL4J's own fit on the same masked batches.
 */
class SequenceRegressionTest {
    private static final DataConfig INPUT = DataConfig.defaults().withTask(Task.REGRESSION);
    private static final int TRAIN = 400;
    private static final int TEST = 150;

    @TempDir
    static Path tmp;
    private static JavaSparkContext spark;
    private static double[] series;
    private static int[][] testWindows;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local(2);
        series = SeasonalSequences.series(3L);
        int[][] trainWindows = SeasonalSequences.windows(TRAIN, false, 4L);
        testWindows = SeasonalSequences.windows(TEST, true, 5L);
        SeasonalSequences.perStep(tmp.resolve("train-steps"), series, trainWindows);
        SeasonalSequences.perStep(tmp.resolve("test-steps"), series, testWindows);
        SeasonalSequences.perSequence(tmp.resolve("train-next"), series, trainWindows);
        SeasonalSequences.perSequence(tmp.resolve("test-next"), series, testWindows);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static String spec(String dir) {
        return "csvseq:" + tmp.resolve(dir).toUri();
    }

    private static TrainConfig.Builder config(String model, String strategy, String data, String output) {
        return TrainConfig.builder().data(spec("train-" + data)).validation(spec("test-" + data)).validationSplit(0)
                .model(model).strategy(strategy).input(INPUT.withNormalize(Normalization.STANDARDIZE))
                .epochs(12).batchSize(32).recipe(RecipeConfig.defaults().withModelArgs(Map.of(
                        model.contains("lstm") ? "hidden" : "units", "24")))
                .workers(2).optimizer("adam").learningRate(0.01).seed(7L)
                .output(tmp.resolve(output).toString()).overwrite(true)
                .recovery(TrainConfig.defaults().recovery().withCheckpointDir("none"));
    }

    private static TrainResult fit(TrainConfig config) {
        return new TrainJob(spark, config, List.of(), DataType.FLOAT).fit();
    }

    /** The last epoch's validation MSE beats the naive forecast's, and {@code sparkdp evaluate} reports the same. */
    private static RegressionMetrics beatsTheNaiveForecast(TrainResult result, String test, boolean perStep, String what) {
        RegressionMetrics validation = result.epochs().get(result.epochs().size() - 1).validation().orElseThrow().regression();
        RegressionMetrics evaluated = new EvaluateJob(spark, new EvaluateConfig(result.output(), spec(test), 64, 2,
                EvaluateConfig.DEFAULT_TOP_K, "", DataConfig.defaults())).run().regression();
        double naive = SeasonalSequences.naiveMse(series, testWindows, perStep);
        long real = java.util.Arrays.stream(testWindows).mapToLong(w -> perStep ? w[1] : 1).sum();
        System.out.printf("%s: held-out MSE %.4f (RMSE %.4f, MAE %.4f, R2 %.4f) over %d steps; naive last-value MSE %.4f%n",
                what, validation.meanSquaredError(), validation.rootMeanSquaredError(), validation.meanAbsoluteError(),
                validation.rSquared(), validation.examples(), naive);
        assertEquals(real, validation.examples(), what + ": every real step counts once, padding never");
        assertTrue(validation.meanSquaredError() < naive, what + ": MSE " + validation.meanSquaredError()
                + " beats the naive forecast's " + naive);
        assertEquals(validation.meanSquaredError(), evaluated.meanSquaredError(), 1e-9, what + ": evaluate reports validation's MSE");
        assertEquals(validation.rSquared(), evaluated.rSquared(), 1e-9, what + ": and its R²");
        return validation;
    }

    @Test
    void lstmForecastsEachNextValueBetterThanTheLastValueWithSync() {
        beatsTheNaiveForecast(fit(config("lstm", "sync", "steps", "lstm-steps.zip").build()), "test-steps", true,
                "lstm per step, sync");
    }

    @Test
    void bilstmPerStepTrainsWithAverage() {
        TrainResult result = fit(config("bilstm", "average", "steps", "bilstm-steps.zip").epochs(2).build());
        double first = result.epochs().get(0).trainLoss();
        double last = result.epochs().get(1).trainLoss();
        assertTrue(Double.isFinite(last) && last < first, "bilstm average: loss falls from " + first + " to " + last);
    }

    @Test
    void gruForecastsTheValueAfterEachWindowWithAverage() {
        beatsTheNaiveForecast(fit(config("gru", "average", "next", "gru-next.zip").build()), "test-next", false,
                "gru per sequence, average");
    }

    @Test
    void lstmForecastsTheValueAfterEachWindowFromItsLastRealStepWithSync() {
        beatsTheNaiveForecast(fit(config("lstm", "sync", "next", "lstm-next.zip").build()), "test-next", false,
                "lstm per sequence, sync");
    }

    /** {@code forecast} is named for this: without {@code --task} it regresses; its default cell is the lstm's. */
    @Test
    void forecastImpliesRegressionAndBeatsTheLastValueWithAverage() {
        TrainConfig config = config("forecast", "average", "next", "forecast-next.zip").input(DataConfig.defaults()
                .withNormalize(Normalization.STANDARDIZE)).build();

        assertEquals(Task.REGRESSION, config.input().task(), "forecast implies --task regression");
        beatsTheNaiveForecast(fit(config), "test-next", false, "forecast (cell=lstm) per sequence, average");
    }

    @Test
    void forecastRefusesReconstructionInOneLine() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder()
                .data(spec("train-next")).model("forecast").input(DataConfig.defaults().withTask(Task.RECONSTRUCTION))
                .output(tmp.resolve("x.zip").toString()).build());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    @Test
    void oneWorkerSyncEqualsDl4jFitOnTheSameMaskedTargets() {
        TrainConfig config = config("lstm", "sync", "steps", "one.zip").input(INPUT).validation("none").workers(1).epochs(1).limit(200)
                .build();
        DataSchema schema = MaskedFitEquivalence.assertEqualsDl4jFit(spark, config);
        assertTrue(schema.regression() && schema.stepLabels() && schema.width() == 16, "schema " + schema);
    }
}
