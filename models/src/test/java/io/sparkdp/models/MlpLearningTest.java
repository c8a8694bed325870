package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** The smallest evidence that a zoo network learns: a few steps on two separable classes. */
class MlpLearningTest {
    private static final InputShape SHAPE = new InputShape(1, 4, 4);
    private static final int EXAMPLES = 64;
    private static final int STEPS = 30;

    /** Class 0 lies around +0.5 in every feature, class 1 around -0.5, with noise of 0.3. */
    private static DataSet separable(long seed) {
        Random random = new Random(seed);
        float[] features = new float[EXAMPLES * SHAPE.size()];
        float[] labels = new float[EXAMPLES * 2];
        for (int i = 0; i < EXAMPLES; i++) {
            int label = random.nextInt(2);
            labels[i * 2 + label] = 1f;
            float centre = label == 0 ? 0.5f : -0.5f;
            for (int j = 0; j < SHAPE.size(); j++) {
                features[i * SHAPE.size() + j] = centre + 0.3f * (float) random.nextGaussian();
            }
        }
        return new DataSet(Nd4j.create(features, new long[]{EXAMPLES, SHAPE.size()}, DataType.FLOAT),
                Nd4j.create(labels, new long[]{EXAMPLES, 2}, DataType.FLOAT));
    }

    @Test
    void mlpReducesItsLossOnASeparableProblem() {
        MultiLayerNetwork mlp = ModelZoo.build("mlp", ModelRequest.of(SHAPE, 2, 12345, OptimizerConfig.defaults()));
        DataSet data = separable(2024);
        double before = mlp.score(data, false);

        for (int step = 0; step < STEPS; step++) {
            mlp.fit(data);
        }
        double after = mlp.score(data, false);

        assertTrue(Double.isFinite(before) && before > 0.3, "initial loss " + before);
        assertTrue(after < 0.25 * before, "loss went from " + before + " to " + after);
        Evaluation evaluation = mlp.evaluate(new SingletonDataSetIterator(data));
        assertEquals(1.0, evaluation.accuracy(), 1e-12);
    }
}
