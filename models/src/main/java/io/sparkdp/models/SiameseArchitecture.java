package io.sparkdp.models;

import static io.sparkdp.models.network.SiameseNetwork.DISTANCE;
import static io.sparkdp.models.network.SiameseNetwork.LEFT;
import static io.sparkdp.models.network.SiameseNetwork.LOSS;
import static io.sparkdp.models.network.SiameseNetwork.RIGHT;

import io.sparkdp.models.layers.FlatSequencePreProcessor;
import io.sparkdp.models.network.NetworkConfiguration;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.L2Vertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A Siamese network (Bromley et al. 1993; Hadsell, Chopra and LeCun 2006): twin encoders of shared
 * weights, one per input of a pair, joined by the Euclidean distance of their embeddings and
 * trained with the {@link ContrastiveLoss}, so that examples of one class land close together and
 * examples of different classes at least {@code margin} apart. The encoder is convolutional for
 * images ({@code filters} blocks of a {@code kernel}x{@code kernel} convolution and a 2x2 max pool,
 * then {@code dense} layers) or an LSTM for sequences ({@code hidden} layers, read at each
 * sequence's last real step; an image is read as the sequence of its columns), and ends in a
 * linear embedding of {@code embedding} dimensions. It is a DL4J {@code ComputationGraph} of two
 * inputs; how it trains on labelled minibatches, and how the twins stay one encoder, is in
 * {@link io.sparkdp.models.network.SiameseNetwork}.
 */
final class SiameseArchitecture implements Architecture {
    static final String AUTO = "auto";
    static final String CNN = "cnn";
    static final String LSTM_ENCODER = "lstm";
    private static final List<ModelArg> ARGUMENTS = List.of(
            new ModelArg("encoder", AUTO, ModelArg.Kind.WORD, "cnn, lstm, or auto: lstm for csvseq: sequences, cnn for images"),
            new ModelArg("filters", "32,64", ModelArg.Kind.SIZES, "cnn: filters of each convolution + max-pool block"),
            new ModelArg("kernel", "5", ModelArg.Kind.POSITIVE, "cnn: side of the square convolution kernels"),
            new ModelArg("dense", "128", ModelArg.Kind.SIZES, "cnn: widths of the ReLU dense layers after the blocks"),
            new ModelArg("hidden", "64", ModelArg.Kind.SIZES, "lstm: units of each LSTM layer, input side first"),
            new ModelArg("embedding", "32", ModelArg.Kind.POSITIVE, "dimensions of the embedding the distance is measured in"),
            new ModelArg("normalize", "on", ModelArg.Kind.SWITCH, "scale each embedding to length 1, so distances lie in [0, 2]"),
            new ModelArg("margin", "1", ModelArg.Kind.NUMBER, "distance beyond which a pair of different classes costs nothing"));

    @Override
    public String name() {
        return "siamese";
    }

    @Override
    public String description() {
        return "Siamese twins of shared weights (CNN, or LSTM for sequences) joined by the L2 distance of 32-dim"
                + " embeddings, contrastive loss; pairs formed in each minibatch; evaluated by pair ROC AUC";
    }

    @Override
    public List<ModelArg> arguments() {
        return ARGUMENTS;
    }

    @Override
    public String loss() {
        return "contrastive";
    }

    @Override
    public boolean ranksPairs() {
        return true;
    }

    /** Its loss is what makes it Siamese. */
    @Override
    public boolean lossIsFixed() {
        return true;
    }

    /** With encoder lstm (or auto), {@code csvseq:} sequences of one class each. */
    @Override
    public boolean readsSequences() {
        return true;
    }

    /** Images, with the CNN encoder (or the LSTM one, column by column). */
    @Override
    public boolean readsFlatExamples() {
        return true;
    }

    /** Pairs are formed of whole examples. */
    @Override
    public boolean labelsSteps() {
        return false;
    }

    @Override
    public NetworkConfiguration network(ModelRequest request) {
        ModelArgs args = ModelArgs.resolve(this, request.options().args());
        boolean sequences = request.sequences() != SequenceLabels.NONE;
        String encoder = args.choice("encoder", List.of(AUTO, CNN, LSTM_ENCODER));
        boolean recurrent = encoder.equals(AUTO) ? sequences : encoder.equals(LSTM_ENCODER);
        if (sequences && !recurrent) {
            throw new IllegalArgumentException("model siamese reads csvseq: sequences with --model-arg encoder=lstm, not cnn");
        }
        ComputationGraphConfiguration.GraphBuilder graph = Networks.startGraph(request, recurrent ? WeightInit.XAVIER : WeightInit.RELU);
        InputShape shape = request.input();
        InputType input = recurrent ? InputType.recurrent((long) shape.channels() * shape.height(), shape.width())
                : InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels());
        graph.addInputs(LEFT, RIGHT).setInputTypes(input, input);
        String[] embeddings = new String[2];
        for (String branch : List.of(LEFT, RIGHT)) {
            Branch layers = new Branch(graph, branch);
            if (recurrent) {
                recurrentEncoder(layers, args, shape);
            } else {
                convolutionalEncoder(layers, args, request);
            }
            layers.add("embedding", new DenseLayer.Builder().nOut(args.positive("embedding")).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).build());
            if (args.isOn("normalize")) {
                layers.addVertex("normalized", new L2NormalizeVertex());
            }
            embeddings[branch.equals(LEFT) ? 0 : 1] = layers.last;
        }
        graph.addVertex(DISTANCE, new L2Vertex(), embeddings);
        graph.addLayer(LOSS, new LossLayer.Builder(new ContrastiveLoss(args.number("margin"))).activation(Activation.IDENTITY)
                .build(), DISTANCE);
        return NetworkConfiguration.of(graph.setOutputs(LOSS).build());
    }

    private void convolutionalEncoder(Branch layers, ModelArgs args, ModelRequest request) {
        int kernel = args.positive("kernel");
        int side = Math.min(request.input().height(), request.input().width());
        int[] filters = args.sizes("filters");
        for (int block = 0; block < filters.length; block++) {
            side = Networks.slide(request, name(), Networks.slide(request, name(), side, kernel, 1), 2, 2);
            layers.add("conv" + block, new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(filters[block])
                    .activation(Activation.RELU).build());
            layers.add("pool" + block, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).build());
        }
        int[] dense = args.sizes("dense");
        for (int i = 0; i < dense.length; i++) {
            layers.add("dense" + i, new DenseLayer.Builder().nOut(dense[i]).activation(Activation.RELU).build());
        }
    }

    private static void recurrentEncoder(Branch layers, ModelArgs args, InputShape shape) {
        int[] hidden = args.sizes("hidden");
        for (int i = 0; i < hidden.length; i++) {
            Layer lstm = new LSTM.Builder().nOut(hidden[i]).activation(Activation.TANH).build();
            Layer layer = i == hidden.length - 1 ? new LastTimeStep(lstm) : lstm;
            if (i == 0) {
                // Rows may come flat (an image, read column by column) or as [batch, features, steps].
                layers.addFirst("lstm0", layer, new FlatSequencePreProcessor((long) shape.channels() * shape.height(), shape.width()));
            } else {
                layers.add("lstm" + i, layer);
            }
        }
    }

    /** One branch of the graph being built: its layers are named {@code <branch>_<name>}, each reading the one before. */
    private static final class Branch {
        private final ComputationGraphConfiguration.GraphBuilder graph;
        private final String branch;
        private String last;

        Branch(ComputationGraphConfiguration.GraphBuilder graph, String branch) {
            this.graph = graph;
            this.branch = branch;
            this.last = branch;
        }

        void add(String name, Layer layer) {
            graph.addLayer(branch + "_" + name, layer, last);
            last = branch + "_" + name;
        }

        void addVertex(String name, org.deeplearning4j.nn.conf.graph.GraphVertex vertex) {
            graph.addVertex(branch + "_" + name, vertex, last);
            last = branch + "_" + name;
        }

        void addFirst(String name, Layer layer, org.deeplearning4j.nn.conf.InputPreProcessor preProcessor) {
            graph.addLayer(branch + "_" + name, layer, preProcessor, last);
            last = branch + "_" + name;
        }
    }
}
