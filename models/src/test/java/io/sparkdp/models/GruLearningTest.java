package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;

/**
 * The gru model learns a real task: Fashion-MNIST read as sequences of 28 columns of 28 pixels,
 * trained briefly on the first training images and judged on held-out test images.
 */
class GruLearningTest {
    private static final int TRAIN = 1536;
    private static final int TEST = 1000;
    private static final int BATCH = 64;
    private static final int EPOCHS = 2;
    /** Chance is 0.10; this run measured 0.668 (loss 2.31 to 0.93). */
    private static final double ACCURACY_FLOOR = 0.60;

    @Test
    void gruLearnsFashionMnistAsSequencesOfColumns() throws IOException {
        ModelRequest request = ModelRequest.of(new InputShape(1, FashionMnist.SIDE, FashionMnist.SIDE),
                FashionMnist.CLASSES, 7L, new OptimizerConfig("adam", 0.01))
                .with(new ModelOptions(Map.of("units", "32"), "auto", "auto", 0, 0));
        MultiLayerNetwork gru = ModelZoo.build("gru", request);
        DataSet train = FashionMnist.first("train", TRAIN);
        DataSet test = FashionMnist.first("t10k", TEST);
        double before = gru.score(test, false);

        long start = System.nanoTime();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (DataSet batch : train.batchBy(BATCH)) {
                gru.fit(batch);
            }
        }
        System.out.printf("gru: %d epochs of %d images in %.1f s%n", EPOCHS, TRAIN, (System.nanoTime() - start) / 1e9);
        double after = gru.score(test, false);
        Evaluation evaluation = gru.evaluate(new SingletonDataSetIterator(test));

        System.out.printf("gru: held-out loss %.4f -> %.4f, accuracy %.4f%n", before, after, evaluation.accuracy());
        assertTrue(after < 0.6 * before, "held-out loss went from " + before + " to " + after);
        assertTrue(evaluation.accuracy() > ACCURACY_FLOOR, "held-out accuracy " + evaluation.accuracy());
    }
}
