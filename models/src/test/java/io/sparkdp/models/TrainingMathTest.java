package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** The arithmetic sparkdp adds to DL4J: the one-vs-rest hinge and perceptron loss, heavy-ball momentum, clipping. */
class TrainingMathTest {
    private static final InputShape SHAPE = new InputShape(1, 4, 4);

    private static INDArray oneHot(int... classes) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, classes.length, 3);
        for (int i = 0; i < classes.length; i++) {
            labels.putScalar(i, classes[i], 1.0);
        }
        return labels;
    }

    @Test
    void theHingeGradientMatchesFiniteDifferences() {
        OneVsRestHingeLoss hinge = new OneVsRestHingeLoss(1.0);
        INDArray labels = oneHot(0, 2, 1, 1);
        INDArray scores = Nd4j.create(new double[][]{{0.3, -0.2, 2.0}, {-1.4, 0.6, 0.1}, {0.25, 0.4, -3.0}, {1.7, -0.55, 0.8}});
        var identity = new ActivationIdentity();

        INDArray gradient = hinge.computeGradient(labels, scores, identity, null);
        double h = 1e-6;
        for (int i = 0; i < scores.rows(); i++) {
            for (int j = 0; j < scores.columns(); j++) {
                INDArray up = scores.dup();
                INDArray down = scores.dup();
                up.putScalar(i, j, scores.getDouble(i, j) + h);
                down.putScalar(i, j, scores.getDouble(i, j) - h);
                double numeric = (hinge.computeScore(labels, up, identity, null, false)
                        - hinge.computeScore(labels, down, identity, null, false)) / (2 * h);
                assertEquals(numeric, gradient.getDouble(i, j), 1e-6, "d loss / d score[" + i + "][" + j + "]");
            }
        }
        // Example 0: class 0 has t*s = 0.3 < 1 (costs 0.7); class 1 has -(-0.2) = 0.2 < 1 (0.8); class 2 has -2.0 (3.0).
        assertEquals(4.5, hinge.computeScoreArray(labels, scores, identity, null).getDouble(0), 1e-12);
    }

    @Test
    void thePerceptronMovesOnlyWhereTheStepOfAScoreIsWrong() {
        OneVsRestHingeLoss perceptron = new OneVsRestHingeLoss(0.0);
        INDArray labels = oneHot(0, 1);
        INDArray scores = Nd4j.create(new double[][]{{0.5, -0.1, -2.0}, {0.2, -0.3, -0.4}});

        INDArray gradient = perceptron.computeGradient(labels, scores, new ActivationIdentity(), null);

        assertEquals(Nd4j.create(new double[][]{{0, 0, 0}, {1, -1, 0}}), gradient);
        assertEquals(0.5, perceptron.computeScore(labels, scores, new ActivationIdentity(), null, false), 1e-12);
    }

    @Test
    void momentumIsTheHeavyBallRecurrence() {
        Momentum config = new Momentum(new org.nd4j.linalg.schedule.FixedSchedule(0.1), 0.9);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        GradientUpdater<?> updater = config.instantiate(state, true);

        INDArray first = Nd4j.create(new double[]{1.0, -2.0}).reshape(1, 2);
        updater.applyUpdater(first, 0, 0);
        assertEquals(Nd4j.create(new double[]{0.1, -0.2}).reshape(1, 2), first);
        INDArray second = Nd4j.create(new double[]{1.0, 0.0}).reshape(1, 2);
        updater.applyUpdater(second, 1, 0);
        // v = 0.9 * (1, -2) + (1, 0) = (1.9, -1.8); step = 0.1 * v
        assertEquals(0.19, second.getDouble(0), 1e-12);
        assertEquals(-0.18, second.getDouble(1), 1e-12);
        assertEquals(1.9, state.getDouble(0), 1e-12);
    }

    @Test
    void clippingByNormScalesTheMeanGradientDownToTheBound() {
        INDArray sum = Nd4j.create(new double[]{30, 40});
        new GradientClipping(1.0, 0).clipSum(sum, 10);

        assertEquals(Nd4j.create(new double[]{6, 8}), sum, "mean (3, 4) of norm 5 scaled to norm 1");
        INDArray small = Nd4j.create(new double[]{3, 4});
        new GradientClipping(1.0, 0).clipSum(small, 10);
        assertEquals(Nd4j.create(new double[]{3, 4}), small, "a mean of norm 0.5 is left alone");
    }

    @Test
    void clippingByValueClampsEachComponentOfTheMean() {
        INDArray sum = Nd4j.create(new double[]{30, -40, 5});
        new GradientClipping(0, 2.0).clipSum(sum, 10);

        assertEquals(Nd4j.create(new double[]{20, -20, 5}), sum);
        assertThrows(IllegalArgumentException.class, () -> new GradientClipping(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GradientClipping(-1, 0));
    }

    @Test
    void theClippingListenerBoundsEveryStepOfFit() {
        OptimizerConfig sgd = new OptimizerConfig("sgd", 1.0);
        ModelRequest request = new ModelRequest(SHAPE, 3, 7L, sgd, DataType.DOUBLE,
                new ModelOptions(Map.of("hidden", "8"), "auto", "auto", 0, 0));
        MultiLayerConfiguration configuration = ModelZoo.configure("mlp", request);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 16, 16).muli(50), oneHot(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0));
        double bound = 0.01;

        MultiLayerNetwork free = new MultiLayerNetwork(configuration.clone());
        free.init();
        MultiLayerNetwork clipped = new MultiLayerNetwork(configuration.clone());
        clipped.init();
        clipped.setListeners(new GradientClipping(bound, 0).listener());
        INDArray start = clipped.params().dup();
        free.fit(data);
        clipped.fit(data);

        double freeStep = free.params().sub(start).norm2Number().doubleValue();
        double clippedStep = clipped.params().sub(start).norm2Number().doubleValue();
        assertTrue(freeStep > 10 * bound, "the unclipped step " + freeStep + " is large");
        assertEquals(bound, clippedStep, 1e-9, "SGD at rate 1 moves by exactly the clipped mean gradient");
    }
}
