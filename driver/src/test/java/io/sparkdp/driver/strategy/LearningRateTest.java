package io.sparkdp.driver.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The learning rate reported per round is the one the optimizer's schedule gives at the network's iteration. */
class LearningRateTest {
    private static MultiLayerNetwork network(String model, OptimizerConfig optimizer) {
        return ModelZoo.build(model, ModelRequest.of(new InputShape(1, 28, 28), 10, 1L, optimizer));
    }

    @Test
    void aFixedRateIsTheRate() {
        assertEquals(0.05, LearningRate.current(network("cnn", new OptimizerConfig("sgd", 0.05))), 1e-15);
    }

    @Test
    void warmupRampsTheRateUpOverItsIterations() {
        MultiLayerNetwork network = network("mlp", new OptimizerConfig("adam", 1e-3, 10));
        assertEquals(1e-4, LearningRate.current(network), 1e-15, "iteration 0 of 10");
        network.setIterationCount(4);
        assertEquals(5e-4, LearningRate.current(network), 1e-15, "iteration 4 of 10");
        network.setIterationCount(50);
        assertEquals(1e-3, LearningRate.current(network), 1e-15, "after warmup");
    }
}
