package io.sparkdp.models.network;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Greedy decoding of a {@link Seq2SeqNetwork}'s graph: the source is encoded once (the graph's
 * {@value Seq2SeqNetwork#THOUGHT} vertex, under the source's mask); then the decoder runs one step
 * at a time, each of its recurrent layers carrying its state from step to step ({@code
 * rnnTimeStep}): step 0 reads the start token, every later step the most probable token of the
 * step before (the first on a tie), each beside the thought vector as in training. The result is
 * the softmax of every step, {@code [examples, vocabulary, steps]}: exactly what the graph outputs
 * when it is teacher-forced with its own predictions, at a cost linear in the steps, up to the step
 * at which every sequence has ended ({@link #decode}).
 */
final class GreedyDecoder {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private final ComputationGraph graph;
    private final List<RecurrentLayer> decoder;
    private final Layer output;
    private final int vocabulary;

    GreedyDecoder(ComputationGraph graph) {
        this.graph = graph;
        this.decoder = decoderLayers(graph);
        this.output = graph.getLayer(Seq2SeqNetwork.OUTPUT);
        this.vocabulary = Math.toIntExact(graph.layerSize(Seq2SeqNetwork.OUTPUT));
    }

    /** The recurrent layers between the merge of the decoder input and the output layer, input side first. */
    private static List<RecurrentLayer> decoderLayers(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<RecurrentLayer> layers = new ArrayList<>();
        String vertex = single(conf, Seq2SeqNetwork.OUTPUT);
        while (!vertex.equals(Seq2SeqNetwork.DECODER_MERGE)) {
            if (!(graph.getLayer(vertex) instanceof RecurrentLayer recurrent)) {
                throw new IllegalArgumentException("a seq2seq decoder must be a chain of recurrent layers from "
                        + Seq2SeqNetwork.DECODER_MERGE + " to " + Seq2SeqNetwork.OUTPUT + "; " + vertex + " is not one");
            }
            layers.add(0, recurrent);
            vertex = single(conf, vertex);
        }
        return layers;
    }

    private static String single(ComputationGraphConfiguration conf, String vertex) {
        List<String> inputs = conf.getVertexInputs().get(vertex);
        if (inputs == null || inputs.size() != 1) {
            throw new IllegalArgumentException("a seq2seq decoder must be a chain of layers; " + vertex + " reads " + inputs);
        }
        return inputs.get(0);
    }

    /**
     * The softmax of {@code steps} greedily decoded steps for each source of {@code features}
     * ({@code [examples, features, source steps]}) under {@code mask} ({@code [examples, source
     * steps]}, or null for sources of full length).
     * <p>
     * Decoding stops early, after the first step at which every example has emitted its end of
     * sequence (the vocabulary's last class) and at least {@code needed} steps are decoded (the
     * steps a caller reads whatever was emitted: the batch's longest real target). A decoded
     * sequence is its tokens up to its first end, so the steps after the stop hold the end token,
     * one-hot; every step up to the stop is what decoding all {@code steps} gives.
     */
    INDArray decode(INDArray features, INDArray mask, long steps, long needed) {
        long examples = features.size(0);
        INDArray token = Nd4j.zeros(features.dataType(), examples, vocabulary + 1, 1);
        token.get(NDArrayIndex.all(), NDArrayIndex.point(vocabulary), NDArrayIndex.point(0)).assign(1);
        INDArray[] masks = mask == null ? null : new INDArray[] {mask, null};
        INDArray thought = graph.output(List.of(Seq2SeqNetwork.THOUGHT), false, new INDArray[] {features, token}, masks)[0];
        INDArray context = thought.reshape(examples, thought.size(1), 1);
        INDArray out = Nd4j.zeros(features.dataType(), examples, vocabulary, steps);
        boolean[] ended = new boolean[Math.toIntExact(examples)];
        graph.clearLayerMaskArrays();
        graph.rnnClearPreviousState();
        try {
            for (long t = 0; t < steps; t++) {
                INDArray step = Nd4j.concat(1, token, context);
                for (RecurrentLayer layer : decoder) {
                    step = layer.rnnTimeStep(step, NO_WORKSPACES);
                }
                INDArray probabilities = output.activate(step, false, NO_WORKSPACES).reshape(examples, vocabulary);
                out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(probabilities);
                long[] best = Nd4j.argMax(probabilities, 1).castTo(DataType.LONG).toLongVector();
                if (allEnded(best, ended) && t + 1 >= needed) {
                    out.get(NDArrayIndex.all(), NDArrayIndex.point(vocabulary - 1L), NDArrayIndex.interval(t + 1, steps)).assign(1);
                    break;
                }
                token = next(best, probabilities.dataType());
            }
        } finally {
            graph.rnnClearPreviousState();
        }
        return out;
    }

    /** Marks the examples whose token {@code best} is the end of sequence; whether every example has emitted one. */
    private boolean allEnded(long[] best, boolean[] ended) {
        boolean all = true;
        for (int i = 0; i < ended.length; i++) {
            ended[i] |= best[i] == vocabulary - 1;
            all &= ended[i];
        }
        return all;
    }

    /** The decoder input of the next step: each example's most probable token {@code best}, one-hot, the start column 0. */
    private INDArray next(long[] best, DataType dataType) {
        INDArray token = Nd4j.zeros(dataType, best.length, vocabulary + 1, 1);
        for (int i = 0; i < best.length; i++) {
            token.putScalar(new long[] {i, best[i], 0}, 1);
        }
        return token;
    }
}
