package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.models.network.Seq2SeqNetwork;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code seq2seq}: its graph, teacher forcing, greedy decoding (which must equal the graph
 * teacher-forced with its own predictions, and ignore the source's padding) and the JSON round
 * trip that rebuilds it on executors. {@code Seq2SeqTrainingTest} shows it learning through Spark.
 */
class Seq2SeqModelTest {
    private static final int DIGITS = 10;
    private static final int LONGEST = 7;

    private static ModelRequest request(Map<String, String> args, DataType dataType) {
        return new ModelRequest(new InputShape(DIGITS, 1, LONGEST), DIGITS, 5L, new OptimizerConfig("adam", 0.01),
                dataType, new ModelOptions(args, Losses.AUTO, ModelOptions.AUTO, 0, 0), false, SequenceLabels.TARGET_SEQUENCE);
    }

    /**
     * {@code count} digit sequences of 3 to 7 digits, each source one-hot per step, its target the
     * same digits reversed; padded to 7 steps under masks.
     */
    static DataSet reversals(int count, long seed, DataType dataType) {
        Random random = new Random(seed);
        INDArray features = Nd4j.zeros(dataType, count, DIGITS, LONGEST);
        INDArray labels = Nd4j.zeros(dataType, count, DIGITS, LONGEST);
        INDArray mask = Nd4j.zeros(dataType, count, LONGEST);
        for (int i = 0; i < count; i++) {
            int length = 3 + random.nextInt(LONGEST - 2);
            int[] digits = random.ints(length, 0, DIGITS).toArray();
            for (int t = 0; t < length; t++) {
                features.putScalar(new long[] {i, digits[t], t}, 1);
                labels.putScalar(new long[] {i, digits[length - 1 - t], t}, 1);
                mask.putScalar(i, t, 1);
            }
        }
        return new DataSet(features, labels, mask, mask);
    }

    @Test
    void itIsASeq2SeqGraphThatJsonRebuildsAsOne() {
        NetworkConfiguration configuration = ModelZoo.network("seq2seq", request(Map.of("units", "8", "layers", "2"), DataType.DOUBLE));
        Network network = configuration.build();
        Seq2SeqNetwork seq2seq = assertInstanceOf(Seq2SeqNetwork.class, network);
        assertEquals(DIGITS, network.outputSize());
        assertEquals(DIGITS, configuration.stepSize(), "the driver checks the data's features per step against the encoder");
        Network rebuilt = NetworkConfiguration.fromJson(configuration.toJson()).build();
        assertInstanceOf(Seq2SeqNetwork.class, rebuilt, "executors rebuild a seq2seq network from the JSON");
        assertEquals(network.numParams(), rebuilt.numParams());
        assertEquals(network.params(), rebuilt.params(), "same seed, same weights");
        assertEquals(4 + 1, seq2seq.graph().getLayers().length, "two encoder, two decoder LSTMs and the output");
        assertInstanceOf(Seq2SeqNetwork.class, network.copy());
        for (SequenceLabels other : new SequenceLabels[] {SequenceLabels.PER_SEQUENCE, SequenceLabels.PER_STEP}) {
            String message = assertThrows(IllegalArgumentException.class, () -> ModelZoo.network("seq2seq",
                    request(Map.of(), DataType.DOUBLE).forSequences(other))).getMessage();
            assertTrue(message.contains("target sequence, a token per line"), message);
        }
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.network("lstm", request(Map.of(), DataType.DOUBLE)),
                "only seq2seq decodes target sequences");
    }

    @Test
    void teacherForcingFeedsTheStartTokenThenTheTargetShiftedByOne() {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 1, 3, 3);
        labels.putScalar(new long[] {0, 2, 0}, 1);
        labels.putScalar(new long[] {0, 0, 1}, 1);
        labels.putScalar(new long[] {0, 1, 2}, 1);
        INDArray input = Seq2SeqNetwork.teacherForced(labels);
        assertArrayEquals(new long[] {1, 4, 3}, input.shape());
        assertEquals(Nd4j.create(new double[][] {{0, 0, 1}, {0, 0, 0}, {0, 1, 0}, {1, 0, 0}}),
                input.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()));
    }

    @Test
    void greedyDecodingIsTheGraphTeacherForcedWithItsOwnPredictionsAndIgnoresPadding() {
        Network network = ModelZoo.create("seq2seq", request(Map.of("units", "6", "layers", "2"), DataType.DOUBLE));
        ComputationGraph graph = ((Seq2SeqNetwork) network).graph();
        DataSet data = reversals(5, 3, DataType.DOUBLE);
        INDArray decoded = network.output(data);
        assertArrayEquals(new long[] {5, DIGITS, LONGEST}, decoded.shape());

        INDArray ownTokens = Nd4j.zeros(DataType.DOUBLE, 5, DIGITS, LONGEST);
        INDArray best = Nd4j.argMax(decoded, 1);
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < LONGEST; t++) {
                ownTokens.putScalar(new long[] {i, best.getLong(i, t), t}, 1);
            }
        }
        INDArray forced = graph.output(false, new INDArray[] {data.getFeatures(), Seq2SeqNetwork.teacherForced(ownTokens)},
                new INDArray[] {data.getFeaturesMaskArray(), null})[0];
        assertTrue(forced.sub(decoded).amaxNumber().doubleValue() < 1e-12, "greedy decoding is the graph fed its own tokens");

        INDArray noisy = data.getFeatures().dup();
        INDArray padding = Nd4j.rand(DataType.DOUBLE, 5, DIGITS, LONGEST).muli(data.getFeaturesMaskArray().reshape(5, 1, LONGEST)
                .rsub(1).broadcast(5, DIGITS, LONGEST));
        noisy.addi(padding);
        INDArray again = network.output(new DataSet(noisy, data.getLabels(), data.getFeaturesMaskArray(), data.getLabelsMaskArray()));
        assertTrue(again.sub(decoded).amaxNumber().doubleValue() < 1e-12, "what pads a source does not reach the decoder");
    }

    @Test
    void aTargetOfItsOwnLengthTrainsUnderItsOwnMaskAndDecodesAsManySteps() {
        Network network = ModelZoo.create("seq2seq", request(Map.of("units", "6"), DataType.DOUBLE));
        DataSet data = reversals(4, 9, DataType.DOUBLE);
        int targetSteps = 3;
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 4, DIGITS, targetSteps);
        INDArray labelsMask = Nd4j.zeros(DataType.DOUBLE, 4, targetSteps);
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t <= i % targetSteps; t++) {
                labels.putScalar(new long[] {i, (i + t) % DIGITS, t}, 1);
                labelsMask.putScalar(i, t, 1);
            }
        }
        DataSet shorter = new DataSet(data.getFeatures(), labels, data.getFeaturesMaskArray(), labelsMask);
        double before = network.computeGradientAndScore(shorter);
        assertTrue(Double.isFinite(before) && before > 0, "score " + before);
        assertArrayEquals(new long[] {4, DIGITS, targetSteps}, network.output(shorter).shape(), "the target's steps, not the source's");
        assertEquals(4, network.scoreExamples(shorter).length());
        for (int i = 0; i < 30; i++) {
            network.fit(shorter);
        }
        assertTrue(network.computeGradientAndScore(shorter) < before, "the loss under the labels mask falls");
    }
}
