package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.Losses;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.models.SequenceLabels;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Greedy decoding that stops once every sequence has ended decodes what decoding to the end does. */
class GreedyDecoderTest {
    /** Tokens of the vocabulary, the last one the end of sequence. */
    private static final int TOKENS = 6;
    private static final int STEPS = 8;
    private static final int EXAMPLES = 6;

    private static Seq2SeqNetwork network(double endBias) {
        Seq2SeqNetwork network = (Seq2SeqNetwork) ModelZoo.create("seq2seq", new ModelRequest(new InputShape(TOKENS, 1, STEPS),
                TOKENS, 7L, new OptimizerConfig("adam", 0.01), DataType.DOUBLE,
                new ModelOptions(Map.of("units", "8"), Losses.AUTO, ModelOptions.AUTO, 0, 0), false, SequenceLabels.TARGET_SEQUENCE));
        var output = network.graph().getLayer(Seq2SeqNetwork.OUTPUT);
        output.getParam("W").muli(30); // far from uniform, so that tokens differ between examples and steps
        output.getParam("b").putScalar(TOKENS - 1, endBias);
        return network;
    }

    private static INDArray sources(long seed) {
        Random random = new Random(seed);
        INDArray features = Nd4j.zeros(DataType.DOUBLE, EXAMPLES, TOKENS, STEPS);
        for (int i = 0; i < EXAMPLES; i++) {
            for (int t = 0; t < STEPS; t++) {
                features.putScalar(new long[] {i, random.nextInt(TOKENS - 1), t}, 1);
            }
        }
        return features;
    }

    /** The step after which every example of {@code tokens} has emitted the end, or the last step. */
    private static int allEnded(long[][] tokens) {
        int stop = 0;
        for (long[] example : tokens) {
            int end = Arrays.stream(example).boxed().toList().indexOf((long) TOKENS - 1);
            stop = Math.max(stop, end < 0 ? STEPS - 1 : end);
        }
        return stop;
    }

    private static INDArray step(INDArray decoded, int t) {
        return decoded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
    }

    @Test
    void stoppingOnceEverySequenceHasEndedGivesTheStepsOfDecodingToTheEnd() {
        int stoppedBetween = 0;
        // the end token's bias moves the step at which the sequences end: 3 and 3.5 never all end
        // here, 4 and 4.5 all end after 1 or 2 steps, at different steps
        for (double endBias : new double[] {3, 3.5, 4, 4.5}) {
            GreedyDecoder decoder = new GreedyDecoder(network(endBias).graph());
            INDArray features = sources(Double.doubleToLongBits(endBias));
            INDArray full = decoder.decode(features, null, STEPS, STEPS);
            INDArray early = decoder.decode(features, null, STEPS, 0);
            long[][] fullTokens = Nd4j.argMax(full, 1).toLongMatrix();
            int stop = allEnded(fullTokens);

            for (int t = 0; t <= stop; t++) {
                assertEquals(step(full, t), step(early, t), "bias " + endBias + ", step " + t + " up to the stop");
            }
            for (int t = stop + 1; t < STEPS; t++) {
                INDArray end = Nd4j.zeros(DataType.DOUBLE, EXAMPLES, TOKENS);
                end.getColumn(TOKENS - 1).assign(1);
                assertEquals(end, step(early, t), "every sequence has ended: the end token, one-hot");
            }
            long[][] earlyTokens = Nd4j.argMax(early, 1).toLongMatrix();
            for (int i = 0; i < EXAMPLES; i++) {
                assertArrayEquals(upToEnd(fullTokens[i]), upToEnd(earlyTokens[i]), "the decoded sequence of example " + i);
            }
            INDArray needed = decoder.decode(features, null, STEPS, STEPS - 1);
            for (int t = 0; t < STEPS - 1; t++) {
                assertEquals(step(full, t), step(needed, t), "never stops before the steps needed");
            }
            stoppedBetween += stop > 0 && stop < STEPS - 1 ? 1 : 0;
        }
        assertTrue(stoppedBetween > 0, "some decoding stopped after sequences that ended at different steps");
    }

    private static long[] upToEnd(long[] tokens) {
        int end = Arrays.stream(tokens).boxed().toList().indexOf((long) TOKENS - 1);
        return Arrays.copyOf(tokens, end < 0 ? tokens.length : end + 1);
    }
}
