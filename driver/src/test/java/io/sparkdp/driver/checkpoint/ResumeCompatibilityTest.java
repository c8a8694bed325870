package io.sparkdp.driver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.AveragingConfig;
import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.RecipeConfig;
import io.sparkdp.driver.config.RecoveryConfig;
import io.sparkdp.driver.config.TrainConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which configuration changes a resumed run may make, without Spark. */
class ResumeCompatibilityTest {
    private static final TrainConfig STORED = TrainConfig.builder().model("mlp").workers(2).epochs(2).build();

    @Test
    void lengthOutputAndRecoverySettingsMayChange() {
        TrainConfig longer = STORED.toBuilder().epochs(5).output("elsewhere.zip").overwrite(true).aggregationDepth(3)
                .recovery(RecoveryConfig.defaults().withResume(RecoveryConfig.Resume.REQUIRED)).build();
        assertEquals(List.of(), ResumeCompatibility.differences(STORED, longer));
    }

    @Test
    void everythingThatShapesTrainingMustMatch() {
        TrainConfig other = STORED.toBuilder().batchSize(64).seed(1L).strategy("average").build();
        List<String> differences = ResumeCompatibility.differences(STORED, other);
        assertEquals(3, differences.size(), differences.toString());
        assertTrue(differences.contains("batchSize: 128 in the checkpoint, 64 now"), differences.toString());
        assertTrue(differences.contains("strategy: sync in the checkpoint, average now"), differences.toString());
    }

    @Test
    void earlyStoppingMayChangeExceptItsMetricOnceABestEpochWasChosenByIt() {
        TrainConfig watchingLoss = STORED.toBuilder().earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.LOSS, 3)).build();
        TrainConfig morePatient = watchingLoss.toBuilder().earlyStopping(new EarlyStoppingConfig(5, EarlyStoppingConfig.Metric.LOSS, 0.01)).build();
        TrainConfig watchingAccuracy = watchingLoss.toBuilder()
                .earlyStopping(EarlyStoppingConfig.on(EarlyStoppingConfig.Metric.ACCURACY, 3)).build();
        EarlyStoppingState tracked = new EarlyStoppingState(Optional.of(new EarlyStoppingState.Best(1, 0.4)), 1);

        assertEquals(List.of(), ResumeCompatibility.differences(watchingLoss, morePatient));
        assertEquals(List.of(), ResumeCompatibility.differences(STORED, watchingAccuracy), "turned on at a resume");
        assertEquals(List.of(), ResumeCompatibility.differences(watchingLoss, STORED), "turned off at a resume");
        assertEquals(Optional.empty(), ResumeCompatibility.metricChange(watchingLoss, tracked, morePatient));
        assertEquals(Optional.empty(), ResumeCompatibility.metricChange(watchingLoss, tracked, STORED));
        assertEquals(Optional.empty(), ResumeCompatibility.metricChange(watchingLoss, EarlyStoppingState.NONE, watchingAccuracy));
        assertEquals(Optional.of("earlyStopping.metric: LOSS in the checkpoint, ACCURACY now, but its best epoch so far was"
                + " chosen by loss"), ResumeCompatibility.metricChange(watchingLoss, tracked, watchingAccuracy));
    }

    @Test
    void theAveragingIntervalCountsOnlyForTheAverageStrategy() {
        TrainConfig average = STORED.toBuilder().strategy("average").averageEvery(4).build();
        assertEquals(List.of("averageEvery: 4 in the checkpoint, 8 now"),
                ResumeCompatibility.differences(average, average.toBuilder().averageEvery(8).build()));
        assertEquals(List.of(), ResumeCompatibility.differences(STORED, STORED.toBuilder().averageEvery(3).build()));
    }

    @Test
    void theOuterStepShapesAveragingFieldByFieldAndIsIgnoredBySync() {
        TrainConfig average = STORED.toBuilder().strategy("average").averaging(new AveragingConfig(1, 0.5)).build();
        assertEquals(List.of("averaging.outerMomentum: 0.5 in the checkpoint, 0.7 now"), ResumeCompatibility.differences(average,
                average.toBuilder().averaging(new AveragingConfig(1, 0.7)).build()));
        assertEquals(List.of(), ResumeCompatibility.differences(STORED, STORED.toBuilder().averaging(new AveragingConfig(1, 0.7)).build()));
    }

    private static RecipeConfig recipe(double l2, String schedule) {
        return new RecipeConfig(Map.of("hidden", "64"), "auto", "auto", 0, l2, 0, 0, schedule, 0.5, 1);
    }

    @Test
    void theRecipeShapesTrainingFieldByField() {
        TrainConfig stored = STORED.toBuilder().recipe(recipe(1e-4, "none")).build();
        TrainConfig other = stored.toBuilder().recipe(recipe(1e-3, "none").withModelArgs(Map.of("hidden", "32"))).build();

        assertEquals(List.of("recipe.modelArgs: {\"hidden\":\"64\"} in the checkpoint, {\"hidden\":\"32\"} now",
                "recipe.l2: 1.0E-4 in the checkpoint, 0.001 now"), ResumeCompatibility.differences(stored, other));
        assertEquals(List.of(), ResumeCompatibility.differences(stored, stored.toBuilder().epochs(9).build()));
    }

    @Test
    void transferShapesTrainingFieldByField() {
        TrainConfig stored = STORED.toBuilder().recipe(io.sparkdp.driver.config.RecipeConfig.defaults())
                .transfer(io.sparkdp.driver.config.TransferConfig.from("pre.zip").freezingUpTo("layer1")).build();
        TrainConfig other = stored.toBuilder().transfer(stored.transfer().freezingUpTo("layer0")).build();

        assertEquals(List.of("transfer.freezeUpTo: layer1 in the checkpoint, layer0 now"), ResumeCompatibility.differences(stored, other));
        assertEquals(List.of(), ResumeCompatibility.differences(stored, stored.toBuilder().epochs(9).build()));
    }

    @Test
    void aCosineDecaySpansTheRunSoItsLengthMayNotChange() {
        TrainConfig cosine = STORED.toBuilder().recipe(recipe(0, "cosine")).build();

        assertEquals(List.of("epochs: 2 in the checkpoint, 4 now"),
                ResumeCompatibility.differences(cosine, cosine.toBuilder().epochs(4).build()));
    }
}
