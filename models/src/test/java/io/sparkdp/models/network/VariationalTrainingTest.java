package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.util.Map;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The zoo's {@code vae} trained through sparkdp's step (gradient, then the driver's update) equals
 * DL4J's own unsupervised pretraining of the layer, decoder included, for the same random
 * samples; its reconstruction is DL4J's decoder mean at the posterior mean; and its per-example
 * loss is the negative bound that DL4J's training score measures, when the sample is the mean.
 */
class VariationalTrainingTest {
    private static final int BATCH = 16;

    private static MultiLayerNetwork vae() {
        ModelRequest request = new ModelRequest(new InputShape(1, 6, 6), 2, 9L, new OptimizerConfig("adam", 1e-2),
                DataType.DOUBLE, new ModelOptions(Map.of("hidden", "12,8", "latent", "3"), "auto", "auto", 0, 0));
        return ModelZoo.build("vae", request);
    }

    private static INDArray features() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, BATCH, 36);
    }

    @Test
    void sparkdpStepsEqualDl4jPretrainingWithTheSameSamples() {
        MultiLayerNetwork dl4j = vae();
        Network sparkdp = Network.of(vae());
        INDArray x = features();
        INDArray decoderBefore = dl4j.getLayer(0).getParam("d0W").dup();

        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(100 + step);
            dl4j.pretrainLayer(0, x);
            Nd4j.getRandom().setSeed(100 + step);
            double loss = sparkdp.computeGradientAndScore(new DataSet(x, x));
            sparkdp.applyGradient(sparkdp.gradientView().dup(), BATCH);
            sparkdp.clear(); // as a pooled worker network is between tasks: the layer updater and its state must survive
            assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        }

        double diff = Transforms.maxAbsDiff(dl4j.params(), sparkdp.params());
        assertTrue(diff < 1e-12, "parameters differ from DL4J's pretraining by " + diff);
        assertNotEquals(decoderBefore, sparkdp.asMultiLayer().getLayer(0).getParam("d0W"), "the decoder did not train");
        assertEquals(3, sparkdp.iteration());
    }

    @Test
    void outputIsTheDecoderMeanAtThePosteriorMean() {
        MultiLayerNetwork network = vae();
        VariationalAutoencoder layer = (VariationalAutoencoder) network.getLayer(0);
        INDArray x = features();

        INDArray expected = layer.generateAtMeanGivenZ(layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces()));

        INDArray output = Network.of(network).output(x);
        assertEquals(36, Network.of(network).outputSize());
        assertTrue(Transforms.maxAbsDiff(expected, output) < 1e-12);
    }

    @Test
    void lossPerExampleIsTheNegativeBoundTheTrainingScoreMeasures() {
        MultiLayerNetwork vae = vae();
        // A posterior of variance e^-30: every sample is the mean, so the sampled bound is the one at the mean.
        vae.getLayer(0).getParam("pZXLogStd2W").assign(0);
        vae.getLayer(0).getParam("pZXLogStd2b").assign(-30);
        Network network = Network.of(vae);
        DataSet batch = new DataSet(features(), features());

        INDArray perExample = network.scoreExamples(batch);
        double score = network.computeGradientAndScore(batch);

        assertEquals(BATCH, perExample.length());
        double atMean = perExample.meanNumber().doubleValue();
        assertEquals(score, atMean, 1e-7 * score, "bound at the mean " + atMean + ", training score " + score);
    }

    /** Helpers on arrays. */
    private static final class Transforms {
        static double maxAbsDiff(INDArray a, INDArray b) {
            return a.sub(b).amaxNumber().doubleValue();
        }
    }
}
