package io.sparkdp.models.network;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.layers.FlatSequencePreProcessor;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The configuration of either kind of DL4J network: what executors rebuild a network from, what a
 * model zip and {@code --model config.json} hold. {@link #fromJson} tells the two kinds apart.
 */
public sealed interface NetworkConfiguration {
    /** A {@code MultiLayerConfiguration}. */
    record Layers(MultiLayerConfiguration conf) implements NetworkConfiguration {
        @Override
        public String toJson() {
            return conf.toJson();
        }

        @Override
        public Network build() {
            MultiLayerNetwork network = new MultiLayerNetwork(conf);
            network.init();
            return Network.of(network);
        }

        @Override
        public String kind() {
            return "MultiLayerNetwork";
        }

        @Override
        public FirstLayer firstLayer() {
            return new FirstLayer(conf.getConf(0).getLayer(), Optional.ofNullable(conf.getInputPreProcess(0)));
        }
    }

    /**
     * A {@code ComputationGraphConfiguration}. Its {@link GraphKind} says which {@link Network}
     * wraps it and how a minibatch feeds it: a seq2seq or a Siamese graph feeds itself; any other
     * graph is fed as {@link GraphFeed} says, its inputs cut from the features, its outputs given
     * the labels.
     */
    record Graph(ComputationGraphConfiguration conf) implements NetworkConfiguration {
        public Graph {
            if (GraphKind.of(conf) == GraphKind.FED) {
                GraphFeed.of(conf).checkFeedable();
            }
        }

        @Override
        public String toJson() {
            return conf.toJson();
        }

        @Override
        public Network build() {
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            return Network.of(graph);
        }

        @Override
        public String kind() {
            return "ComputationGraph";
        }

        /** The layer that reads the graph's first input. */
        @Override
        public FirstLayer firstLayer() {
            return firstLayer(conf, conf.getNetworkInputs().get(0));
        }

        /** A graph of several inputs reads no image as a whole, only each input its columns. */
        @Override
        public Optional<InputShape> imageInput() {
            return splitsFeatures() ? Optional.empty() : firstLayer().imageInput();
        }

        /** Per time step, the features of every input together. */
        @Override
        public long stepSize() {
            return splitsFeatures() ? GraphFeed.of(conf).stepSize() : firstLayer().stepSize();
        }

        /** Per example, the values of every input together. */
        @Override
        public long inputSize() {
            return splitsFeatures() ? GraphFeed.of(conf).inputSize() : firstLayer().inputSize();
        }

        private boolean splitsFeatures() {
            return GraphKind.of(conf) == GraphKind.FED && conf.getNetworkInputs().size() > 1;
        }

        /**
         * The layer that reads {@code input}, which must feed exactly one layer.
         *
         * @throws IllegalArgumentException when it feeds a vertex that is no layer, or several
         */
        static FirstLayer firstLayer(ComputationGraphConfiguration conf, String input) {
            List<String> readers = conf.getVertexInputs().entrySet().stream()
                    .filter(e -> e.getValue().contains(input)).map(java.util.Map.Entry::getKey).sorted().toList();
            GraphVertex vertex = readers.size() == 1 ? conf.getVertices().get(readers.get(0)) : null;
            if (!(vertex instanceof LayerVertex layer)) {
                throw new IllegalArgumentException("the graph's input '" + input + "' must feed exactly one layer, not "
                        + readers);
            }
            return new FirstLayer(layer.getLayerConf().getLayer(), Optional.ofNullable(layer.getPreProcessor()));
        }
    }

    /**
     * A generative adversarial network ({@link GanNetwork}): the stacked network {@code D(G(z))}
     * whose first {@code generatorLayers} layers are the generator, from noise to images of
     * {@code image}'s shape, and whose other layers are the discriminator, from images to the
     * probability that they are real. The parts' own configurations are cut from the stack, so
     * their parameters lie in the stack's order.
     *
     * @param stack           the generator's layers, then the discriminator's, reading noise
     * @param generatorLayers layers of the generator, at least 1 and fewer than the stack's
     * @param image           the shape of the generated (and real) images
     */
    record Gan(MultiLayerConfiguration stack, int generatorLayers, InputShape image) implements NetworkConfiguration {
        /** The JSON field that tells a GAN's configuration apart. */
        static final String KEY = "sparkdpGan";

        public Gan {
            if (generatorLayers < 1 || generatorLayers >= stack.getConfs().size()) {
                throw new IllegalArgumentException("a GAN's generator needs at least one layer and leaves at least one to the"
                        + " discriminator, not " + generatorLayers + " of " + stack.getConfs().size());
            }
        }

        @Override
        public String toJson() {
            ObjectMapper json = new ObjectMapper();
            var tree = json.createObjectNode();
            tree.putObject(KEY).put("generatorLayers", generatorLayers).put("channels", image.channels())
                    .put("height", image.height()).put("width", image.width());
            try {
                tree.set("stack", json.readTree(stack.toJson()));
                return json.writeValueAsString(tree);
            } catch (Exception e) {
                throw new IllegalStateException("cannot write a GAN's configuration: " + e.getMessage(), e);
            }
        }

        static Gan fromTree(JsonNode tree) {
            JsonNode gan = tree.get(KEY);
            return new Gan(MultiLayerConfiguration.fromJson(tree.get("stack").toString()), gan.get("generatorLayers").asInt(),
                    new InputShape(gan.get("channels").asInt(), gan.get("height").asInt(), gan.get("width").asInt()));
        }

        @Override
        public Network build() {
            MultiLayerNetwork network = new MultiLayerNetwork(stack);
            network.init();
            return new GanNetwork(this, network, Optional.empty());
        }

        @Override
        public String kind() {
            return "GAN";
        }

        /** The discriminator's first layer, which reads the images. */
        @Override
        public FirstLayer firstLayer() {
            MultiLayerConfiguration discriminator = discriminator();
            return new FirstLayer(discriminator.getConf(0).getLayer(), Optional.ofNullable(discriminator.getInputPreProcess(0)));
        }

        /** Width of the noise the generator reads. */
        public int latent() {
            return (int) ((FeedForwardLayer) stack.getConf(0).getLayer()).getNIn();
        }

        /** The generator alone: noise in, images out (of the shape its last layer makes). */
        public MultiLayerConfiguration generator() {
            return part(0, generatorLayers, null);
        }

        /** The discriminator alone, reading flat images as the data pipeline delivers them. */
        public MultiLayerConfiguration discriminator() {
            return part(generatorLayers, stack.getConfs().size(),
                    new FeedForwardToCnnPreProcessor(image.height(), image.width(), image.channels()));
        }

        /** Layers {@code [from, to)} of the stack, with their pre-processors; {@code first} replaces the first one's. */
        private MultiLayerConfiguration part(int from, int to, InputPreProcessor first) {
            MultiLayerConfiguration part = stack.clone();
            part.setConfs(new java.util.ArrayList<>(part.getConfs().subList(from, to)));
            java.util.Map<Integer, InputPreProcessor> preProcessors = new java.util.HashMap<>();
            stack.getInputPreProcessors().forEach((index, pre) -> {
                if (index >= from && index < to) {
                    preProcessors.put(index - from, pre.clone());
                }
            });
            if (first != null) {
                preProcessors.put(0, first);
            }
            part.setInputPreProcessors(preProcessors);
            return part;
        }
    }

    static NetworkConfiguration of(MultiLayerConfiguration conf) {
        return new Layers(conf);
    }

    static NetworkConfiguration of(ComputationGraphConfiguration conf) {
        return new Graph(conf);
    }

    /**
     * The configuration a DL4J JSON document describes: a {@code MultiLayerConfiguration} (it has
     * {@code confs}) or a {@code ComputationGraphConfiguration} (it has {@code vertices}).
     *
     * @throws IllegalArgumentException in one line, for text that is neither
     */
    static NetworkConfiguration fromJson(String json) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()));
        }
        try {
            if (tree != null && tree.has(Gan.KEY)) {
                return Gan.fromTree(tree);
            }
            if (tree != null && tree.has("confs")) {
                return of(MultiLayerConfiguration.fromJson(json));
            }
            if (tree != null && tree.has("vertices")) {
                return of(ComputationGraphConfiguration.fromJson(json));
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid DL4J configuration: " + firstLine(e.getMessage()));
        }
        throw new IllegalArgumentException("neither a DL4J MultiLayerConfiguration (no \"confs\") nor a"
                + " ComputationGraphConfiguration (no \"vertices\")");
    }

    /** Its JSON, which {@link #fromJson} reads back. */
    String toJson();

    /** A freshly initialised network of this configuration. */
    Network build();

    /** "MultiLayerNetwork" or "ComputationGraph", for messages. */
    String kind();

    /** The layer that reads the examples, and the pre-processor in front of it, if any. */
    FirstLayer firstLayer();

    /** The picture the network reads each flat example as, if it reads images. */
    default Optional<InputShape> imageInput() {
        return firstLayer().imageInput();
    }

    /**
     * Features per time step a recurrent network reads ({@link FirstLayer#stepSize()}).
     *
     * @throws IllegalArgumentException when the first layer does not say its input width
     */
    default long stepSize() {
        return firstLayer().stepSize();
    }

    /**
     * Values per flat example the network reads ({@link FirstLayer#inputSize()}).
     *
     * @throws IllegalArgumentException when the first layer does not read flat examples
     */
    default long inputSize() {
        return firstLayer().inputSize();
    }

    /** The layer inside DL4J's wrappers ({@code LastTimeStep}, {@code Bidirectional}'s forward layer), which holds the weights and optimizer. */
    static Layer unwrapped(Layer layer) {
        Layer inner = layer;
        while (inner instanceof BaseWrapperLayer || inner instanceof Bidirectional) {
            inner = inner instanceof Bidirectional both ? both.getFwd() : ((BaseWrapperLayer) inner).getUnderlying();
        }
        return inner;
    }

    /**
     * The layer that reads a network's input, and the pre-processor in front of it: what says how
     * wide the input is.
     *
     * @param layer        the layer's configuration
     * @param preProcessor what reshapes the input before it, if anything does
     */
    record FirstLayer(Layer layer, Optional<InputPreProcessor> preProcessor) {
        /** The picture the layer reads each flat example as, if it reads images. */
        public Optional<InputShape> imageInput() {
            return preProcessor.filter(FeedForwardToCnnPreProcessor.class::isInstance)
                    .map(FeedForwardToCnnPreProcessor.class::cast)
                    .map(image -> new InputShape((int) image.getNumChannels(), (int) image.getInputHeight(), (int) image.getInputWidth()));
        }

        /**
         * Features per time step: the layer's input width, seen through DL4J's wrappers
         * ({@code LastTimeStep}, {@code Bidirectional}, frozen layers), or for a layer that does not
         * say it (a SameDiff GRU) the width its {@link FlatSequencePreProcessor} gives it.
         *
         * @throws IllegalArgumentException when the layer does not say its input width
         */
        public long stepSize() {
            Optional<FlatSequencePreProcessor> sequence = flatSequence();
            if (sequence.isPresent()) {
                return sequence.get().getFeatures();
            }
            Layer first = unwrapped(Transfer.unfrozen(layer));
            if (first instanceof FeedForwardLayer feedForward && feedForward.getNIn() > 0) {
                return feedForward.getNIn();
            }
            throw new IllegalArgumentException("its first layer (" + first.getClass().getSimpleName() + ") does not say how"
                    + " many features per time step it reads");
        }

        /**
         * Values per flat example: an image's pixels, a flat sequence's steps times features, or
         * a dense layer's input width.
         *
         * @throws IllegalArgumentException when the layer does not read flat examples
         */
        public long inputSize() {
            Optional<InputShape> image = imageInput();
            if (image.isPresent()) {
                return image.get().size();
            }
            Optional<FlatSequencePreProcessor> sequence = flatSequence();
            if (sequence.isPresent()) {
                return sequence.get().getFeatures() * sequence.get().getSteps();
            }
            Layer first = Transfer.unfrozen(layer);
            if (first instanceof FeedForwardLayer dense && !(first instanceof ConvolutionLayer) && dense.getNIn() > 0) {
                return dense.getNIn();
            }
            throw new IllegalArgumentException("its first layer (" + first.getClass().getSimpleName() + ") does not read"
                    + " flat examples; build it with setInputType(InputType.feedForward(n)) or InputType.convolutionalFlat(h, w, c)");
        }

        /** The pre-processor that reads flat rows as sequences into the layer, where it has one. */
        private Optional<FlatSequencePreProcessor> flatSequence() {
            return preProcessor.filter(FlatSequencePreProcessor.class::isInstance).map(FlatSequencePreProcessor.class::cast);
        }
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }
}
