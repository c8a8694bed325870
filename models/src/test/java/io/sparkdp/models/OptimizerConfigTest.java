package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

class OptimizerConfigTest {
    private static final Map<String, Class<? extends IUpdater>> UPDATERS = Map.of(
            "adam", Adam.class,
            "sgd", Sgd.class,
            "momentum", Momentum.class,
            "nesterov", Nesterovs.class,
            "rmsprop", RmsProp.class,
            "adagrad", AdaGrad.class,
            "adadelta", AdaDelta.class);

    @Test
    void eachNameMapsToItsUpdaterWithTheLearningRate() {
        assertEquals(UPDATERS.keySet(), Set.copyOf(OptimizerConfig.NAMES));
        for (String name : OptimizerConfig.NAMES) {
            IUpdater updater = new OptimizerConfig(name, 0.05).toUpdater();

            assertInstanceOf(UPDATERS.get(name), updater, name);
            if (updater.hasLearningRate()) {
                assertEquals(0.05, updater.getLearningRate(0, 0), 1e-12, name);
            } else {
                assertEquals("adadelta", name, "only adadelta adapts its own step size");
            }
        }
    }

    @Test
    void momentumIsClassicalAndNesterovIsNesterovBothWithNineTenths() {
        assertEquals(0.9, ((Momentum) new OptimizerConfig("momentum", 0.1).toUpdater()).momentum(), 1e-12);
        assertEquals(0.9, ((Nesterovs) new OptimizerConfig("nesterov", 0.1).toUpdater()).getMomentum(), 1e-12);
    }

    @Test
    void namesAreCaseInsensitiveAndNullMeansTheDefault() {
        assertEquals("rmsprop", new OptimizerConfig("RMSProp", 0.1).name());
        assertEquals(OptimizerConfig.DEFAULT_NAME, new OptimizerConfig(null, 0.1).name());
        assertEquals(new OptimizerConfig("adam", 1e-3), OptimizerConfig.defaults());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig("lbfgs", 0.1));

        assertTrue(error.getMessage().contains("lbfgs"), error.getMessage());
        for (String name : OptimizerConfig.NAMES) {
            assertTrue(error.getMessage().contains(name), error.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.01, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void theLearningRateMustBePositiveAndFinite(double learningRate) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig("sgd", learningRate));

        assertTrue(error.getMessage().contains("learning rate"), error.getMessage());
    }

    @Test
    void aWarmupSurvivesTheNetworkConfigurationsJsonAsExecutorsReceiveIt() {
        OptimizerConfig warm = new OptimizerConfig("adam", 0.4, 250);
        var network = ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 4, 4), 3, 1L, warm));
        var json = network.getLayerWiseConfigurations().toJson();
        var back = org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(json);

        assertEquals(network.getLayerWiseConfigurations(), back);
        var updater = ((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer()).getIUpdater();
        assertEquals(0.4 / 250, updater.getLearningRate(0, 0), 1e-12);
        assertEquals(0.2, updater.getLearningRate(124, 0), 1e-12);
        assertEquals(0.4, updater.getLearningRate(250, 1), 1e-12);
    }
}
