package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.layers.GruLayer;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The forecast model is the lstm or gru regressor, built by those models, and refuses what it cannot do in one line. */
class ForecastArchitectureTest {
    /** Windows of up to 16 steps of 1 value. */
    private static final InputShape WINDOW = new InputShape(1, 1, 16);

    private static ModelRequest request(String model, Map<String, String> args, SequenceLabels labels) {
        return new ModelRequest(WINDOW, 1, 5L, OptimizerConfig.defaults(), DataType.FLOAT,
                new ModelOptions(args, "auto", "auto", 0, 0), true, labels);
    }

    private static MultiLayerConfiguration configure(String model, Map<String, String> args, SequenceLabels labels) {
        return ModelZoo.configure(model, request(model, args, labels));
    }

    @Test
    void theLstmCellIsTheLstmRegressorOfThoseUnitsAndLayers() {
        assertEquals(configure("lstm", Map.of("hidden", "24,24", "dropout", "0.1"), SequenceLabels.PER_STEP).toJson(),
                configure("forecast", Map.of("units", "24", "layers", "2", "dropout", "0.1"), SequenceLabels.PER_STEP).toJson());
        assertEquals(configure("lstm", Map.of("hidden", "32"), SequenceLabels.PER_SEQUENCE).toJson(),
                configure("forecast", Map.of(), SequenceLabels.PER_SEQUENCE).toJson());
    }

    @Test
    void theGruCellIsTheGruRegressor() {
        MultiLayerConfiguration forecast = configure("forecast", Map.of("cell", "gru", "units", "8"), SequenceLabels.PER_SEQUENCE);

        assertEquals(configure("gru", Map.of("units", "8"), SequenceLabels.PER_SEQUENCE).toJson(), forecast.toJson());
        assertInstanceOf(GruLayer.class, forecast.getConf(0).getLayer());
        OutputLayer output = assertInstanceOf(OutputLayer.class, forecast.getConf(1).getLayer());
        assertInstanceOf(ActivationIdentity.class, output.getActivationFn());
        assertInstanceOf(LossMSE.class, output.getLossFn());
    }

    @Test
    void whatItCannotDoIsRefusedInOneLine() {
        IllegalArgumentException perStepGru = assertThrows(IllegalArgumentException.class,
                () -> configure("forecast", Map.of("cell", "gru"), SequenceLabels.PER_STEP));
        assertTrue(perStepGru.getMessage().contains("cell=lstm"), perStepGru.getMessage());

        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.check("forecast", ModelOptions.defaults(), false));
        assertTrue(classes.getMessage().contains("--task regression"), classes.getMessage());

        IllegalArgumentException cell = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.check("forecast", new ModelOptions(Map.of("cell", "rnn"), "auto", "auto", 0, 0), true));
        assertEquals("model forecast: --model-arg cell must be lstm or gru, got 'rnn'", cell.getMessage());
        assertTrue(ModelZoo.onlyRegresses("forecast") && !ModelZoo.onlyRegresses("lstm"));
    }
}
