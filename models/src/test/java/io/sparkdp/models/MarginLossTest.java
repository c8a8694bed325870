package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/** The margin loss of capsule networks: its value, its gradient, its JSON and its checks. */
class MarginLossTest {
    private static final ActivationIdentity IDENTITY = new ActivationIdentity();

    private static INDArray labels() {
        return Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}});
    }

    /** Lengths away from the kinks at 0.1 and 0.9. */
    private static INDArray lengths() {
        return Nd4j.createFromArray(new double[][]{{0.5, 0.3, 0.05}, {0.95, 0.2, 0.6}, {0.01, 0.97, 0.4}});
    }

    @Test
    void anExampleCostsTheSquaredShortfallsOfItsClassesFromTheirMargins() {
        INDArray losses = MarginLoss.sabour().computeScoreArray(labels(), lengths(), IDENTITY, null);

        // 0.4^2 for the true class under 0.9, 0.5 * 0.2^2 for a wrong one over 0.1, nothing for 0.05
        assertEquals(0.16 + 0.5 * 0.04, losses.getDouble(0), 1e-12);
        assertEquals(0.5 * (0.85 * 0.85 + 0.1 * 0.1) + 0.3 * 0.3, losses.getDouble(1), 1e-12);
        assertEquals(0.5 * 0.3 * 0.3, losses.getDouble(2), 1e-12);
        assertEquals(losses.sumNumber().doubleValue() / 3, MarginLoss.sabour().computeScore(labels(), lengths(), IDENTITY,
                null, true), 1e-12);
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        MarginLoss loss = new MarginLoss(0.8, 0.2, 0.7);
        INDArray gradient = loss.computeGradient(labels(), lengths(), IDENTITY, null);
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                INDArray up = lengths();
                INDArray down = lengths();
                up.putScalar(i, j, up.getDouble(i, j) + h);
                down.putScalar(i, j, down.getDouble(i, j) - h);
                double numeric = (loss.computeScore(labels(), up, IDENTITY, null, false)
                        - loss.computeScore(labels(), down, IDENTITY, null, false)) / (2 * h);
                assertEquals(numeric, gradient.getDouble(i, j), 1e-6, "d loss / d length[" + i + "][" + j + "]");
            }
        }
        assertTrue(gradient.getDouble(0, 0) < 0, "a short true capsule is pushed longer");
        assertTrue(gradient.getDouble(1, 0) > 0, "a long wrong capsule is pushed shorter");
    }

    @Test
    void itSurvivesJsonAsAnyDl4jLoss() throws Exception {
        ObjectMapper json = NeuralNetConfiguration.mapper();
        MarginLoss loss = new MarginLoss(0.85, 0.15, 0.25);

        ILossFunction restored = json.readValue(json.writeValueAsString(loss), ILossFunction.class);

        assertEquals(loss, restored);
        assertEquals(0.85, ((MarginLoss) restored).positiveMargin());
    }

    @Test
    void marginsInTheWrongOrderOrANegativeWeightAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MarginLoss(0.1, 0.9, 0.5)).getMessage()
                .contains("m- <= m+"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MarginLoss(0.9, 0.1, -1)).getMessage()
                .contains("0 or more"));
        assertThrows(IllegalArgumentException.class, () -> MarginLoss.sabour().computeScoreArray(labels(),
                Nd4j.zeros(DataType.DOUBLE, 3, 2), IDENTITY, null));
    }
}
