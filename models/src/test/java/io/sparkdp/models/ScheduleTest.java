package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;

/** The learning rate of every schedule, step by step, as executors read it back from the configuration's JSON. */
class ScheduleTest {
    private static final InputShape SHAPE = new InputShape(1, 4, 4);

    /** The updater of a network built with {@code optimizer}, after a JSON round trip. */
    private static IUpdater shipped(OptimizerConfig optimizer) {
        MultiLayerConfiguration configuration = ModelZoo.configure("mlp", ModelRequest.of(SHAPE, 3, 1L, optimizer));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(configuration.toJson());
        assertEquals(configuration, back);
        return ((BaseLayer) back.getConf(0).getLayer()).getIUpdater();
    }

    private static OptimizerConfig sgd(double rate, int warmup, ScheduleConfig schedule) {
        return new OptimizerConfig("sgd", rate, warmup, schedule);
    }

    @Test
    void stepHalvesEveryPeriod() {
        IUpdater updater = shipped(sgd(0.8, 0, new ScheduleConfig("step", 0.5, 10, 100)));

        assertEquals(0.8, updater.getLearningRate(0, 0), 1e-12);
        assertEquals(0.8, updater.getLearningRate(9, 0), 1e-12);
        assertEquals(0.4, updater.getLearningRate(10, 1), 1e-12);
        assertEquals(0.1, updater.getLearningRate(35, 3), 1e-12);
    }

    @Test
    void exponentialDecaysSmoothlyByTheFactorEveryPeriod() {
        IUpdater updater = shipped(sgd(1.0, 0, new ScheduleConfig("exponential", 0.9, 10, 100)));

        assertEquals(1.0, updater.getLearningRate(0, 0), 1e-12);
        assertEquals(Math.pow(0.9, 0.5), updater.getLearningRate(5, 0), 1e-12);
        assertEquals(0.81, updater.getLearningRate(20, 2), 1e-12);
    }

    @Test
    void cosineFallsFromTheRateToZeroOverTheRun() {
        IUpdater updater = shipped(sgd(0.2, 0, new ScheduleConfig("cosine", 1, 1, 100)));

        assertEquals(0.2, updater.getLearningRate(0, 0), 1e-12);
        assertEquals(0.1, updater.getLearningRate(50, 0), 1e-12);
        assertEquals(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.75)), updater.getLearningRate(75, 0), 1e-12);
        assertEquals(0.0, updater.getLearningRate(100, 0), 1e-12);
        assertEquals(0.0, updater.getLearningRate(150, 0), 1e-12);
    }

    @Test
    void warmupRampsFirstAndTheDecayStartsWhenItEnds() {
        IUpdater updater = shipped(sgd(0.4, 4, new ScheduleConfig("cosine", 1, 1, 104)));

        assertEquals(0.1, updater.getLearningRate(0, 0), 1e-12);
        assertEquals(0.3, updater.getLearningRate(2, 0), 1e-12);
        assertEquals(0.4, updater.getLearningRate(4, 0), 1e-12);
        assertEquals(0.2, updater.getLearningRate(54, 0), 1e-12);
        IUpdater step = shipped(sgd(0.4, 4, new ScheduleConfig("step", 0.5, 10, 100)));
        assertEquals(0.4, step.getLearningRate(13, 0), 1e-12);
        assertEquals(0.2, step.getLearningRate(14, 0), 1e-12);
    }

    @Test
    void withoutAScheduleTheRateIsConstantAsBefore() {
        OptimizerConfig constant = new OptimizerConfig("adam", 0.01);

        assertInstanceOf(FixedSchedule.class, constant.rate());
        assertInstanceOf(WarmupSchedule.class, new OptimizerConfig("adam", 0.01, 5).rate());
        assertEquals(0.01, shipped(constant).getLearningRate(1000, 10), 1e-15);
    }

    @Test
    void everyOptimizerWithAScheduleSurvivesJson() {
        for (String name : OptimizerConfig.NAMES) {
            shipped(new OptimizerConfig(name, 0.1, 3, new ScheduleConfig("exponential", 0.5, 7, 50)));
        }
    }

    @Test
    void badSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig("linear", 0.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig("step", 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig("step", 1.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig("step", 0.5, 0, 1));
    }
}
