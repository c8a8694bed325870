package io.sparkdp.models;

import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.models.network.Seq2SeqNetwork;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code seq2seq}: an LSTM encoder-decoder ({@link Seq2SeqNetwork}) for {@code csvseq:} data whose
 * labels are target sequences of their own length ({@link SequenceLabels#TARGET_SEQUENCE}), each
 * ended by the end of sequence token, the last class. The source of F features per step is read
 * by {@code layers} LSTMs of {@code units}; the last one's output at each source's last real step
 * conditions every step of the decoder, {@code layers} LSTMs of {@code units} that read, beside it,
 * the previous target token (one-hot over the target vocabulary, plus a start token) and end in a
 * softmax over the vocabulary. The target vocabulary is the data's label classes; the source is
 * read as its feature vectors are (one-hot tokens, embeddings or measurements). Trained with
 * teacher forcing, it predicts by greedy decoding.
 */
final class Seq2SeqArchitecture implements Architecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("units", "128", ModelArg.Kind.POSITIVE, "units of every LSTM layer of the encoder and the decoder"),
            new ModelArg("layers", "1", ModelArg.Kind.POSITIVE, "LSTM layers of the encoder, and as many of the decoder"));

    @Override
    public String name() {
        return "seq2seq";
    }

    @Override
    public String description() {
        return "LSTM encoder-decoder (ComputationGraph) from csvseq: sources to target sequences of their own length:"
                + " teacher forcing in training, greedy decoding to an end token in prediction";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public boolean readsSequences() {
        return true;
    }

    @Override
    public boolean decodesSequences() {
        return true;
    }

    /** It decodes target sequences of their own length, not a class per source step ({@link #decodesSequences()}). */
    @Override
    public boolean labelsSteps() {
        return false;
    }

    /** A graph for target sequences; the vocabulary is the request's classes, the end of sequence among them. */
    @Override
    public NetworkConfiguration network(ModelRequest request) {
        if (request.sequences() != SequenceLabels.TARGET_SEQUENCE) {
            throw new IllegalArgumentException("model seq2seq decodes a target sequence: give it csvseq: data whose labels"
                    + " files hold each source's target sequence, a token per line");
        }
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        int units = args.positive("units");
        int layers = args.positive("layers");
        InputShape input = request.input();
        int steps = input.width();
        ComputationGraphConfiguration.GraphBuilder graph = Networks.startGraph(request, WeightInit.XAVIER)
                .addInputs(Seq2SeqNetwork.SOURCE, Seq2SeqNetwork.DECODER_INPUT)
                // The decoder runs over the target's steps, whose count is the labels', not the source's.
                .setInputTypes(InputType.recurrent(input.channels(), steps), InputType.recurrent(request.numClasses() + 1L));
        String previous = stack(graph, "seq2seq-encoder", layers, units, Seq2SeqNetwork.SOURCE);
        graph.addVertex(Seq2SeqNetwork.THOUGHT, new LastTimeStepVertex(Seq2SeqNetwork.SOURCE), previous)
                .addVertex("seq2seq-thought-steps", new DuplicateToTimeSeriesVertex(Seq2SeqNetwork.DECODER_INPUT),
                        Seq2SeqNetwork.THOUGHT)
                .addVertex(Seq2SeqNetwork.DECODER_MERGE, new MergeVertex(), Seq2SeqNetwork.DECODER_INPUT, "seq2seq-thought-steps");
        previous = stack(graph, "seq2seq-decoder", layers, units, Seq2SeqNetwork.DECODER_MERGE);
        graph.addLayer(Seq2SeqNetwork.OUTPUT, Networks.stepOutput(request, this, WeightInit.XAVIER, 0), previous)
                .setOutputs(Seq2SeqNetwork.OUTPUT);
        return NetworkConfiguration.of(graph.build());
    }

    /** {@code layers} LSTMs named {@code prefix0, prefix1, ...} after {@code input}; returns the last one's name. */
    private static String stack(ComputationGraphConfiguration.GraphBuilder graph, String prefix, int layers, int units,
                                String input) {
        String previous = input;
        for (int i = 0; i < layers; i++) {
            String name = prefix + i;
            graph.addLayer(name, new LSTM.Builder().nOut(units).activation(Activation.TANH).build(), previous);
            previous = name;
        }
        return previous;
    }
}
