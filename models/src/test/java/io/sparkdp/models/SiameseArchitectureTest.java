package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.models.network.SiameseNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The siamese model: its twin encoders stay one, its gradient is the shared encoder's, it persists and it learns. */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class SiameseArchitectureTest {
    private static final Map<String, String> TINY = Map.of("filters", "4", "dense", "16", "embedding", "8");

    private static SiameseNetwork siamese(InputShape input, Map<String, String> args, DataType dataType, SequenceLabels sequences) {
        ModelRequest request = new ModelRequest(input, 10, 7L, new OptimizerConfig("adam", 1e-3, 0, ScheduleConfig.none()),
                dataType, new ModelOptions(args, "auto", "auto", 0, 0), false, sequences);
        return assertInstanceOf(SiameseNetwork.class, ModelZoo.create("siamese", request));
    }

    private static SiameseNetwork images(Map<String, String> args, DataType dataType) {
        return siamese(new InputShape(1, 28, 28), args, dataType, SequenceLabels.NONE);
    }

    /** An LSTM twin of 6 units reading sequences of 3 features, embedding them in 4 dimensions. */
    private static SiameseNetwork lstm(DataType dataType) {
        return siamese(new InputShape(3, 1, 5), Map.of("hidden", "6", "embedding", "4"), dataType, SequenceLabels.PER_SEQUENCE);
    }

    @Test
    void theTwinsStartEqualAndStayEqualThroughSteps() throws Exception {
        SiameseNetwork network = images(TINY, DataType.FLOAT);
        assertEquals(0.0, network.twinDifference());
        DataSet data = FashionMnist.first("train", 64);
        for (int step = 0; step < 3; step++) {
            Nd4j.getRandom().setSeed(step);
            network.fit(data);
            assertEquals(0.0, network.twinDifference(), "after step " + (step + 1));
        }
        assertEquals(3, network.iteration());
    }

    @Test
    void theTiedGradientIsTheGradientOfTheOneSharedEncoder() {
        // The LSTM encoder is smooth everywhere (a ReLU CNN on images is not: its background sits on the kink).
        SiameseNetwork network = lstm(DataType.DOUBLE);
        DataSet data = sequences(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(1);
        network.computeGradientAndScore(data);
        INDArray gradient = network.gradientView().dup();
        INDArray left = network.encoderParams().get(0);
        INDArray right = network.rightBranchParams().get(0);
        long leftOffset = offsetIn(network.params(), left);
        long rightOffset = offsetIn(network.params(), right);
        for (long k : new long[] {0, 5, 40, left.length() - 1}) {
            double eps = 1e-6;
            double plus = scoreWithShared(network, data, left, right, k, eps);
            double minus = scoreWithShared(network, data, left, right, k, -eps);
            double numeric = (plus - minus) / (2 * eps) * data.numExamples();
            double analytic = gradient.getDouble(leftOffset + k);
            assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)), "shared weight " + k);
            assertEquals(analytic, gradient.getDouble(rightOffset + k), 0.0, "the twin holds the same gradient");
        }
    }

    /** The mean loss with shared weight {@code k} moved by {@code delta} in both branches, the pairs drawn as before. */
    private static double scoreWithShared(SiameseNetwork network, DataSet data, INDArray left, INDArray right, long k, double delta) {
        double original = left.getDouble(k);
        left.putScalar(k, original + delta);
        right.putScalar(k, original + delta);
        Nd4j.getRandom().setSeed(1);
        double score = network.computeGradientAndScore(data);
        left.putScalar(k, original);
        right.putScalar(k, original);
        return score;
    }

    private static long offsetIn(INDArray flat, INDArray view) {
        INDArray probe = view.dup();
        view.assign(Double.NaN);
        long offset = -1;
        for (long i = 0; i < flat.length() && offset < 0; i++) {
            if (Double.isNaN(flat.getDouble(i))) {
                offset = i;
            }
        }
        view.assign(probe);
        return offset;
    }

    @Test
    void itIsRebuiltFromItsJsonAndRestoredFromAModelZipWithItsTwinsAndItsLoss() throws Exception {
        SiameseNetwork network = images(Map.of("filters", "4", "dense", "16", "embedding", "8", "margin", "0.5"), DataType.FLOAT);
        DataSet data = FashionMnist.first("train", 32);
        network.fit(data);
        String json = network.configuration().toJson();
        assertTrue(json.contains("ContrastiveLoss") && json.contains("0.5"), "the loss and its margin are in the JSON");

        Network rebuilt = NetworkConfiguration.fromJson(json).build();
        assertInstanceOf(SiameseNetwork.class, rebuilt);
        rebuilt.params().assign(network.params());
        assertEquals(network.output(data.getFeatures()), rebuilt.output(data.getFeatures()));

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network.model(), zip, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip.toByteArray()), true);
        SiameseNetwork loaded = assertInstanceOf(SiameseNetwork.class, Network.of(restored));
        assertEquals(network.params(), loaded.params());
        assertEquals(network.updaterState().orElseThrow(), loaded.updaterState().orElseThrow());
        assertEquals(network.scoreExamples(data), loaded.scoreExamples(data));
        assertEquals(8, loaded.outputSize());
    }

    @Test
    void theLstmEncoderReadsMaskedSequencesAndStaysTied() {
        SiameseNetwork network = lstm(DataType.FLOAT);
        DataSet data = sequences(DataType.FLOAT);
        double first = network.fit(data);
        for (int step = 0; step < 20; step++) {
            network.fit(data);
        }
        assertEquals(0.0, network.twinDifference());
        assertTrue(Double.isFinite(first));
        assertEquals(List.of(6L, 4L), List.of(network.output(data).size(0), network.output(data).size(1)));
        assertEquals(6, network.scorePairs(data).distances().length);
    }

    /** Six sequences of 5 steps of 3 features, two classes, the first padded after 3 steps. */
    private static DataSet sequences(DataType dataType) {
        Nd4j.getRandom().setSeed(9);
        INDArray features = Nd4j.rand(dataType, 6, 3, 5);
        INDArray mask = Nd4j.ones(dataType, 6, 5);
        mask.putScalar(0, 4, 0);
        mask.putScalar(0, 3, 0);
        INDArray labels = Nd4j.zeros(dataType, 6, 2);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        return new DataSet(features, labels, mask, null);
    }

    @Test
    void aCnnEncoderRefusesSequencesAndTheLossIsNotForChoosing() {
        ModelRequest sequences = new ModelRequest(new InputShape(3, 1, 5), 2, 7L, OptimizerConfig.defaults(), DataType.FLOAT,
                new ModelOptions(Map.of("encoder", "cnn"), "auto", "auto", 0, 0), false, SequenceLabels.PER_SEQUENCE);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelZoo.network("siamese", sequences))
                .getMessage().contains("encoder=lstm"));
        ModelRequest wrongEncoder = sequences.with(new ModelOptions(Map.of("encoder", "rnn"), "auto", "auto", 0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelZoo.network("siamese", wrongEncoder))
                .getMessage().contains("auto, cnn, lstm"));
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.check("siamese",
                new ModelOptions(Map.of(), "mse", "auto", 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.check("siamese",
                new ModelOptions(Map.of("margin", "-1"), "auto", "auto", 0, 0)));
    }
}
