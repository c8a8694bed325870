package io.sparkdp.models;

import io.sparkdp.models.layers.FlatSequencePreProcessor;
import io.sparkdp.models.layers.FlattenStepsPreProcessor;
import io.sparkdp.models.layers.LearnedQueryAttentionLayer;
import io.sparkdp.models.layers.MultiHeadSelfAttentionLayer;
import io.sparkdp.models.layers.SequenceEmbeddingLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A sequence classifier built on DL4J's attention layers, in the manner of BERT's encoder: each
 * step's features projected to {@code width} plus a learned embedding of its position
 * ({@link SequenceEmbeddingLayer}, which {@code positions=off} drops), {@code layers} multi-head
 * {@code SelfAttentionLayer}s ({@link MultiHeadSelfAttentionLayer}; every step attends to every real step), then a
 * {@code LearnedSelfAttentionLayer} ({@link LearnedQueryAttentionLayer}, which makes DL4J's run) whose {@code queries} learned queries attend over the steps
 * and pool the sequence into that many vectors, a dense ReLU layer of {@code hidden} units reading
 * them side by side, and a softmax output whose input is dropped with probability {@code dropout}.
 *
 * <p>Every attention layer takes the features mask of padded sequences: padded steps are never
 * attended to, so neither they nor the values in them reach the pooled vectors. As for the
 * {@code gru}, an example of shape {@code channels x height x width} is {@code width} steps of
 * {@code channels * height} features: {@code csvseq:} data of {@code F} features over {@code T}
 * steps comes as {@code F x 1 x T}, an image as the sequence of its columns.
 */
final class AttentionArchitecture implements LayeredArchitecture {
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("width", "32", ModelArg.Kind.POSITIVE, "the model's width: each step's embedding and each"
                    + " attention layer's output"),
            new ModelArg("heads", "4", ModelArg.Kind.POSITIVE, "attention heads of each attention layer"),
            new ModelArg("headsize", "8", ModelArg.Kind.POSITIVE, "width of each head's queries, keys and values"),
            new ModelArg("layers", "1", ModelArg.Kind.POSITIVE, "stacked self-attention layers"),
            new ModelArg("queries", "1", ModelArg.Kind.POSITIVE, "learned queries pooling the sequence (vectors it"
                    + " pools into)"),
            new ModelArg("hidden", "64", ModelArg.Kind.POSITIVE, "ReLU units of the dense layer before the output"),
            new ModelArg("positions", "on", ModelArg.Kind.SWITCH, "learned position embeddings (off: the model sees"
                    + " the steps as an unordered set)"),
            new ModelArg("dropout", "0", ModelArg.Kind.FRACTION, "probability of dropping each dense unit while training"));

    @Override
    public String name() {
        return "attention";
    }

    @Override
    public String description() {
        return "self-attention sequence classifier: step embedding + learned positions, multi-head self-attention,"
                + " pooling by learned queries (LearnedSelfAttentionLayer), dense, softmax; reads CxHxW as W steps of C*H features";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    /** {@code csvseq:} sequences, masked, one class each. */
    @Override
    public boolean readsSequences() {
        return true;
    }

    /** Images too, as the sequence of their columns. */
    @Override
    public boolean readsFlatExamples() {
        return true;
    }

    /** Pooling leaves one vector per query, not one per step. */
    @Override
    public boolean labelsSteps() {
        return false;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        int width = args.positive("width");
        int heads = args.positive("heads");
        int headSize = args.positive("headsize");
        int queries = args.positive("queries");
        WeightInit init = Networks.init(request, WeightInit.XAVIER);
        InputShape shape = request.input();
        long features = (long) shape.channels() * shape.height();
        NeuralNetConfiguration.ListBuilder layers = Networks.start(request, WeightInit.XAVIER);
        int index = 0;
        if (args.isOn("positions")) {
            layers.layer(index++, new SequenceEmbeddingLayer(width));
        }
        for (int layer = 0; layer < args.positive("layers"); layer++) {
            layers.layer(index++, new MultiHeadSelfAttentionLayer(width, heads, headSize, init));
        }
        layers.layer(index++, new LearnedQueryAttentionLayer(width, heads, headSize, queries, init));
        layers.inputPreProcessor(index, new FlattenStepsPreProcessor(width, queries));
        layers.layer(index++, Networks.dense(args.positive("hidden"), Activation.RELU, 0));
        layers.layer(index, Networks.output(request, this, WeightInit.XAVIER, args.fraction("dropout")));
        layers.inputPreProcessor(0, new FlatSequencePreProcessor(features, shape.width()));
        return layers.setInputType(InputType.recurrent(features, shape.width())).build();
    }
}
