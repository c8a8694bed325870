package io.sparkdp.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainConfigTest {
    private static TrainConfig with(int batch, int workers) {
        TrainConfig d = TrainConfig.defaults();
        return new TrainConfig(d.data(), d.model(), d.epochs(), batch, workers, d.output(), d.overwrite(), d.optimizer(),
                d.learningRate(), d.seed(), d.validationSplit(), d.limit(), d.aggregationDepth());
    }

    @Test
    void roundTripsThroughJson() {
        TrainConfig config = with(96, 3).withWorkers(3);
        String json = ConfigJson.write(config);
        assertEquals(config, ConfigJson.read(json, TrainConfig.class));
        assertTrue(json.contains("\"batchSize\":96"), json);
    }

    @Test
    void evaluateConfigRoundTripsThroughJson() {
        EvaluateConfig config = new EvaluateConfig("hdfs://nn/m.zip", "idx:/d", 100, 4);
        assertEquals(config, ConfigJson.read(ConfigJson.write(config), EvaluateConfig.class));
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
    void rejectsUnknownModelsOptimizersAndBadNumbers() {
        TrainConfig d = TrainConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(d.data(), "transformer", 1, 8, 1, "o", false,
                "adam", 1e-3, 1, 0.1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(d.data(), "mlp", 1, 8, 1, "o", false,
                "lbfgs", 1e-3, 1, 0.1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(d.data(), "mlp", 1, 8, 1, "o", false,
                "adam", Double.NaN, 1, 0.1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(d.data(), "mlp", 1, 8, 1, "o", false,
                "adam", 1e-3, 1, 1.0, 0, 2));
    }
}
