package io.sparkdp.driver.config;

import io.sparkdp.data.DataConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainConfigTest {
    private static TrainConfig with(int batch, int workers) {
        return TrainConfig.builder().batchSize(batch).workers(workers).build();
    }

    @Test
    void roundTripsThroughJson() {
        TrainConfig config = with(96, 3).withWorkers(3);
        String json = ConfigJson.write(config);
        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        assertTrue(json.contains("\"batchSize\":96"), json);
    }

    @Test
    void earlyStoppingRoundTripsNestedInTheConfiguration() {
        TrainConfig config = TrainConfig.defaults().toBuilder()
                .earlyStopping(new EarlyStoppingConfig(4, EarlyStoppingConfig.Metric.F1, 0.001)).build();
        String json = ConfigJson.write(config);
        assertTrue(json.contains("\"earlyStopping\":{\"patience\":4,\"metric\":\"F1\",\"minDelta\":0.001}"), json);
        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        assertFalse(TrainConfig.defaults().earlyStopping().enabled(), "off unless asked for");
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(json.replace("\"patience\":4", "\"patience\":-4"),
                TrainConfig.class));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingConfig(1, EarlyStoppingConfig.Metric.LOSS, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingConfig(1, null, 0));
        var noValidation = assertThrows(IllegalArgumentException.class, () -> config.toBuilder().validationSplit(0).build());
        assertTrue(noValidation.getMessage().contains("needs a validation set"), noValidation.getMessage());
    }

    @Test
    void aSiameseModelStopsEarlyOnItsPairAucOrLossAndOnlyItOnTheAuc() {
        TrainConfig.Builder siamese = TrainConfig.defaults().toBuilder().model("siamese");
        TrainConfig auc = siamese.earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.AUC, 2)).build();
        assertEquals(auc, ConfigJson.read(ConfigJson.write(auc), TrainConfig.class));
        var accuracy = assertThrows(IllegalArgumentException.class,
                () -> siamese.earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.ACCURACY, 2)).build());
        assertTrue(accuracy.getMessage().contains("watch auc or loss"), accuracy.getMessage());
        var mlp = assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().toBuilder().model("mlp")
                .earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.AUC, 2)).build());
        assertTrue(mlp.getMessage().contains("pair ROC AUC of a Siamese model"), mlp.getMessage());
    }

    @Test
    void evaluateConfigRoundTripsThroughJson() {
        EvaluateConfig config = new EvaluateConfig("hdfs://nn/m.zip", "idx:/d", 100, 4, 3, "hdfs://nn/m.json",
                DataConfig.defaults().withImageSize("32x32"));
        assertEquals(config, ConfigJson.read(ConfigJson.write(config), EvaluateConfig.class));
    }

    @Test
    void tabularReadOptionsAndNormalizationRoundTripThroughJson() {
        DataConfig input = DataConfig.defaults().withLabelColumn("species").withHeader(true).withDelimiter("tab")
                .withFeaturesColumn("vec").withNumClasses(7).withNumFeatures(12)
                .withNormalize(io.sparkdp.data.Normalization.MINMAX).withKnownClasses(java.util.List.of("a", "b"));
        TrainConfig config = TrainConfig.builder().data("csv:/d").input(input).build();
        assertEquals(config, ConfigJson.read(ConfigJson.write(config), TrainConfig.class));
        io.sparkdp.data.Normalizer fitted = new io.sparkdp.data.Normalizer(io.sparkdp.data.Normalization.STANDARDIZE,
                new float[] {0.1f, -3f}, new float[] {1f / 3, 1f});
        assertEquals(fitted, ConfigJson.read(ConfigJson.write(fitted), io.sparkdp.data.Normalizer.class));
        assertThrows(IllegalArgumentException.class, () -> DataConfig.defaults().withDelimiter(";;"));
        assertThrows(IllegalArgumentException.class, () -> DataConfig.defaults().withNumClasses(1));
    }

    @Test
    void jsonWithAnUnknownFieldIsRefused() {
        String json = ConfigJson.write(TrainConfig.defaults()).replace("{", "{\"epochz\":3,");
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(json, TrainConfig.class));
    }

    @Test
    void jsonThatBreaksAValidationRuleIsRefused() {
        String json = ConfigJson.write(TrainConfig.defaults()).replace("\"epochs\":2", "\"epochs\":0");
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(json, TrainConfig.class));
    }

    @Test
    void batchMustSplitEvenlyAcrossWorkers() {
        var smaller = assertThrows(IllegalArgumentException.class, () -> with(2, 4));
        assertTrue(smaller.getMessage().contains("smaller than the 4 workers"), smaller.getMessage());
        var uneven = assertThrows(IllegalArgumentException.class, () -> with(10, 4));
        assertTrue(uneven.getMessage().contains("multiple of 4"), uneven.getMessage());
        assertEquals(3, with(9, 3).shardBatch());
    }

    @Test
    void rejectsUnknownNamesAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().model("transformer").build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().optimizer("lbfgs").build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().learningRate(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().validationSplit(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().strategy("allreduce").build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().averageEvery(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().warmupEpochs(-1).build());
    }

    @Test
    void linearScalingAndWarmupFollowGoyalEtAl() {
        TrainConfig plain = TrainConfig.builder().batchSize(1024).learningRate(0.1).build();
        assertEquals(0.1, plain.effectiveLearningRate());
        TrainConfig scaled = plain.toBuilder().lrReferenceBatch(256).warmupEpochs(2.5).build();
        assertEquals(0.4, scaled.effectiveLearningRate(), 1e-12);
        var optimizer = scaled.optimizerConfig(100);
        assertEquals(250, optimizer.warmupIterations());
        var updater = optimizer.toUpdater();
        // the ramp starts small and reaches the scaled rate at the end of warmup
        assertEquals(0.4 / 250, updater.getLearningRate(0, 0), 1e-12);
        assertEquals(0.4, updater.getLearningRate(249, 2), 1e-12);
        assertEquals(0.4, updater.getLearningRate(5000, 40), 1e-12);
    }

    @Test
    void localStepsBelongToTheAverageStrategyOnly() {
        assertEquals(1, TrainConfig.builder().averageEvery(8).build().localSteps());
        assertEquals(8, TrainConfig.builder().strategy("average").averageEvery(8).build().localSteps());
    }

    @Test
    void averagingRoundTripsNestedInTheConfigurationAndReadsAsPlainWhenAbsent() {
        TrainConfig config = TrainConfig.builder().strategy("average").averaging(new AveragingConfig(0.8, 0.6)).build();
        String json = ConfigJson.write(config);
        assertTrue(json.contains("\"averaging\":{\"outerLearningRate\":0.8,\"outerMomentum\":0.6}"), json);
        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        String before = json.replaceFirst(",\"averaging\":\\{[^}]*\\}", "");
        assertFalse(before.contains("averaging"), before);
        assertEquals(AveragingConfig.PLAIN, ConfigJson.read(before, TrainConfig.class).averaging(),
                "a checkpoint written before the outer step existed trained with the plain mean");
        assertTrue(AveragingConfig.PLAIN.plain());
        assertFalse(new AveragingConfig(1, 0.5).plain());
        assertFalse(new AveragingConfig(1.5, 0).plain());
    }

    @Test
    void badAveragingSettingsAreRefusedInOneLine() {
        assertEquals("--outer-momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new AveragingConfig(1, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AveragingConfig(1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new AveragingConfig(1, Double.NaN));
        assertEquals("--outer-learning-rate must be above 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new AveragingConfig(0, 0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AveragingConfig(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new AveragingConfig(Double.NaN, 0));
        String json = ConfigJson.write(TrainConfig.builder().averaging(new AveragingConfig(1, 0.5)).build());
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.read(json.replace("\"outerMomentum\":0.5",
                "\"outerMomentum\":1.5"), TrainConfig.class));
    }

    @Test
    void checkpointIntervalsReadAndWriteAsText() {
        assertEquals(CheckpointInterval.epochs(1), CheckpointInterval.parse("1epoch"));
        assertEquals(CheckpointInterval.epochs(3), CheckpointInterval.parse("3"));
        assertEquals(CheckpointInterval.rounds(500), CheckpointInterval.parse("500 rounds"));
        assertEquals(CheckpointInterval.rounds(2), CheckpointInterval.parse("2r"));
        assertEquals("2epochs", CheckpointInterval.epochs(2).toString());
        assertEquals("1round", CheckpointInterval.rounds(1).toString());
        assertThrows(IllegalArgumentException.class, () -> CheckpointInterval.parse("0epochs"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointInterval.parse("every epoch"));
        assertTrue(CheckpointInterval.rounds(50).dueAfterRound(100) && !CheckpointInterval.rounds(50).dueAfterRound(120));
        assertTrue(!CheckpointInterval.rounds(50).dueAfterEpoch(1) && CheckpointInterval.epochs(2).dueAfterEpoch(4));
    }

    @Test
    void recoverySettingsRoundTripThroughJsonAndPlaceCheckpointsBesideTheOutput() {
        RecoveryConfig recovery = new RecoveryConfig("hdfs://nn:8020/ckpt", CheckpointInterval.rounds(200), 5,
                RecoveryConfig.Resume.IF_PRESENT, RecoveryConfig.Divergence.SKIP);
        TrainConfig config = TrainConfig.builder().recovery(recovery).build();
        String json = ConfigJson.write(config);
        assertTrue(json.contains("\"checkpointEvery\":\"200rounds\""), json);
        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        assertEquals("runs/fashion-mnist-cnn.checkpoints", TrainConfig.defaults().recovery().checkpointDirFor("runs/fashion-mnist-cnn.zip"));
        assertEquals("hdfs://nn:8020/ckpt", recovery.checkpointDirFor("x.zip"));
        assertTrue(!recovery.withCheckpointDir(RecoveryConfig.NONE).checkpointsEnabled());
        assertThrows(IllegalArgumentException.class, () -> recovery.withCheckpointDir(" "));
    }

    private static RecipeConfig recipe(String loss, double clipNorm, double clipValue, String schedule) {
        return new RecipeConfig(java.util.Map.of("hidden", "64,32", "dropout", "0.2"), loss, "he", 1e-5, 1e-4, clipNorm,
                clipValue, schedule, 0.5, 2);
    }

    @Test
    void theRecipeRoundTripsThroughJsonAndReachesTheModelRequest() {
        TrainConfig config = TrainConfig.builder().model("mlp").epochs(3).recipe(recipe("hinge", 5, 0, "step")).build();
        String json = ConfigJson.write(config);

        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        assertTrue(json.contains("\"recipe\":{\"modelArgs\":{\"dropout\":\"0.2\",\"hidden\":\"64,32\"}"), json);
        var request = config.modelRequest(new io.sparkdp.models.InputShape(1, 28, 28), 10, 100, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertEquals("hinge", request.options().loss());
        assertEquals(1e-4, request.options().l2());
        assertEquals(new io.sparkdp.models.ScheduleConfig("step", 0.5, 200, 300), request.optimizer().schedule());
        assertEquals(new io.sparkdp.models.GradientClipping(5, 0), config.recipe().clipping());
    }

    @Test
    void aConfigurationWrittenBeforeRecipesExistedReadsAsTheDefaults() {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                ConfigJson.tree(TrainConfig.defaults());
        tree.remove("recipe");
        String json = tree.toString();

        assertTrue(!json.contains("recipe"), json);
        assertEquals(TrainConfig.defaults(), ConfigJson.read(json, TrainConfig.class));
    }

    @Test
    void badRecipesAreRefusedInOneLine() {
        var mlp = TrainConfig.builder().model("mlp");
        String unknownArg = assertThrows(IllegalArgumentException.class,
                () -> mlp.recipe(RecipeConfig.defaults().withModelArgs(java.util.Map.of("filters", "8"))).build()).getMessage();
        assertTrue(unknownArg.contains("its arguments are hidden, activation, dropout"), unknownArg);
        assertThrows(IllegalArgumentException.class, () -> recipe("cosine-similarity", 0, 0, "none"));
        assertThrows(IllegalArgumentException.class, () -> recipe("auto", 1, 1, "none"));
        assertThrows(IllegalArgumentException.class, () -> recipe("auto", 0, 0, "linear"));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().model("logistic")
                .recipe(new RecipeConfig(java.util.Map.of(), "mse", "auto", 0, 0, 0, 0, "none", 0.5, 1)).build());
    }

    @Test
    void transferRoundTripsNestedInTheConfigurationAndNamesTheModelByItsInitUri() {
        TrainConfig config = TrainConfig.builder().transfer(TransferConfig.from("hdfs://nn:8020/runs/pre.zip")
                .freezingUpTo("layer1").replacingHead(5)).build();
        String json = ConfigJson.write(config);
        assertTrue(json.contains("\"transfer\":{\"initFrom\":\"hdfs://nn:8020/runs/pre.zip\",\"freezeUpTo\":\"layer1\",\"replaceHead\":5}"),
                json);
        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        assertEquals("hdfs://nn:8020/runs/pre.zip", config.model(), "the network comes from the init model");
        String before = ConfigJson.write(TrainConfig.defaults()).replaceFirst(",\"transfer\":\\{[^}]*\\}", "");
        assertEquals(TrainConfig.defaults(), ConfigJson.read(before, TrainConfig.class), "written before transfer existed");
        assertFalse(TrainConfig.defaults().transfer().enabled());
        var freeze = assertThrows(IllegalArgumentException.class, () -> new TransferConfig("none", "0", 0));
        assertEquals("--freeze-up-to freezes layers of a trained model; name it with --init-from", freeze.getMessage());
        var head = assertThrows(IllegalArgumentException.class, () -> new TransferConfig("none", "none", 3));
        assertEquals("--replace-head replaces the head of a trained model; name it with --init-from", head.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TransferConfig("pre.zip", "none", -1));
        assertThrows(IllegalArgumentException.class, () -> new TransferConfig("pre.zip", " ", 0));
    }

    @Test
    void aReconstructingModelImpliesTheTaskWhichRoundTripsThroughJson() {
        TrainConfig config = TrainConfig.builder().model("autoencoder")
                .recipe(RecipeConfig.defaults().withModelArgs(java.util.Map.of("hidden", "64,16", "noise", "0.2"))).build();

        assertEquals(io.sparkdp.data.Task.RECONSTRUCTION, config.input().task());
        assertEquals(config, ConfigJson.read(ConfigJson.write(config), TrainConfig.class));
        assertEquals(io.sparkdp.data.Task.RECONSTRUCTION, TrainConfig.builder().model("vae").build().input().task());
    }

    @Test
    void reconstructionIsRefusedInOneLineWhereItCannotWork() {
        var regression = DataConfig.defaults().withTask(io.sparkdp.data.Task.REGRESSION);
        var reconstruction = DataConfig.defaults().withTask(io.sparkdp.data.Task.RECONSTRUCTION);
        String asRegression = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().model("autoencoder").input(regression).build()).getMessage();
        assertTrue(asRegression.contains("drop --task regression"), asRegression);
        String classifier = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().model("mlp").input(reconstruction).build()).getMessage();
        assertTrue(classifier.contains("autoencoder or vae"), classifier);
        String loss = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().model("vae")
                .recipe(new RecipeConfig(java.util.Map.of(), "hinge", "auto", 0, 0, 0, 0, "none", 0.5, 1)).build()).getMessage();
        assertTrue(loss.contains("reconstructs its input trains with mse, mae, binary-crossentropy"), loss);
        String noise = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().model("autoencoder")
                .recipe(RecipeConfig.defaults().withModelArgs(java.util.Map.of("noise", "1.5"))).build()).getMessage();
        assertTrue(noise.contains("noise must be a number in [0, 1)"), noise);
    }
}
