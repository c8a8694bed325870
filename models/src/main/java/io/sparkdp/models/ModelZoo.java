package io.sparkdp.models;

import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/** The architectures sparkdp builds by name. */
public final class ModelZoo {
    private static final Map<String, Architecture> ARCHITECTURES = new LinkedHashMap<>();

    static {
        register(LinearArchitecture.perceptron());
        register(LinearArchitecture.logistic());
        register(LinearArchitecture.softmax());
        register(LinearArchitecture.linear());
        register(new MlpArchitecture());
        register(new CnnArchitecture());
        register(new LeNetArchitecture());
        register(new Vgg16Architecture());
        register(new ResNetArchitecture());
        register(LstmArchitecture.lstm());
        register(LstmArchitecture.bilstm());
        register(new GruArchitecture());
        register(new AttentionArchitecture());
        register(new ForecastArchitecture());
        register(new AutoencoderArchitecture());
        register(new VaeArchitecture());
        register(new Seq2SeqArchitecture());
        register(new CapsNetArchitecture());
        register(new SiameseArchitecture());
        register(new GanArchitecture());
    }

    private ModelZoo() {
    }

    private static void register(Architecture architecture) {
        ARCHITECTURES.put(architecture.name(), architecture);
    }

    /** Every architecture, in the order {@code sparkdp models} lists them. */
    public static Collection<Architecture> all() {
        return Collections.unmodifiableCollection(ARCHITECTURES.values());
    }

    /**
     * The architecture of that name.
     *
     * @throws IllegalArgumentException naming the known architectures, if there is none
     */
    public static Architecture get(String name) {
        Architecture architecture = ARCHITECTURES.get(name);
        if (architecture == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; choose one of "
                    + String.join(", ", ARCHITECTURES.keySet()) + " (see 'sparkdp models')");
        }
        return architecture;
    }

    /**
     * Checks what can be checked before the data is seen: the model exists, its arguments are
     * known and well formed, and {@code --loss} is allowed for it.
     *
     * @throws IllegalArgumentException in one line saying what is wrong
     */
    public static void check(String name, ModelOptions options) {
        check(name, options, false);
    }

    /**
     * {@link #check(String, ModelOptions)} for a classifier, or with {@code regression} a model of
     * real-valued targets: the model must support the task, and regression trains with MSE or MAE only.
     */
    public static void check(String name, ModelOptions options, boolean regression) {
        if (isConfigurationFile(name)) {
            checkFileOptions(name, options);
            return;
        }
        Architecture architecture = get(name);
        ModelArgs.resolve(architecture, options.args());
        Networks.lossName(options, architecture);
        checkTask(architecture, regression);
        if (regression) {
            Losses.checkRegression(options.loss());
        }
        if (architecture.reconstructs()) {
            Losses.checkReconstruction(options.loss());
        }
    }

    /** Whether {@code model} names a zoo model that reconstructs its input ({@link Architecture#reconstructs()}). */
    public static boolean reconstructs(String model) {
        return !isConfigurationFile(model) && ARCHITECTURES.containsKey(model) && ARCHITECTURES.get(model).reconstructs();
    }

    /** Whether {@code model} names a zoo model that decodes target sequences ({@link Architecture#decodesSequences()}). */
    public static boolean decodesSequences(String model) {
        return !isConfigurationFile(model) && ARCHITECTURES.containsKey(model) && ARCHITECTURES.get(model).decodesSequences();
    }

    /** Whether {@code model} names a zoo model measured on pairs ({@link Architecture#ranksPairs()}). */
    public static boolean ranksPairs(String model) {
        return !isConfigurationFile(model) && ARCHITECTURES.containsKey(model) && ARCHITECTURES.get(model).ranksPairs();
    }

    private static void checkTask(Architecture architecture, boolean regression) {
        if (architecture.reconstructs()) {
            if (regression) {
                throw new IllegalArgumentException("model " + architecture.name() + " reconstructs its input; drop --task"
                        + " regression (its targets are the features themselves)");
            }
            return;
        }
        if (regression && !architecture.regresses()) {
            throw new IllegalArgumentException("model " + architecture.name() + " is a classifier; --task regression trains "
                    + String.join(", ", regressors()));
        }
        if (!regression && !architecture.classifies()) {
            throw new IllegalArgumentException("model " + architecture.name() + " predicts real values: use it with --task"
                    + " regression, or a classifier (softmax, logistic, perceptron, mlp) for classes");
        }
    }

    /**
     * Whether {@code model} names a zoo model that only regresses (such as {@code forecast}), so that
     * training it implies {@code --task regression}.
     */
    public static boolean onlyRegresses(String model) {
        Architecture architecture = isConfigurationFile(model) ? null : ARCHITECTURES.get(model);
        return architecture != null && architecture.regresses() && !architecture.classifies();
    }

    /** The names of the models that reconstruct their input ({@code --task reconstruction}). */
    public static List<String> reconstructors() {
        return ARCHITECTURES.values().stream().filter(Architecture::reconstructs).map(Architecture::name).toList();
    }

    private static void checkSequences(Architecture architecture, SequenceLabels sequences) {
        boolean data = sequences != SequenceLabels.NONE;
        if ((sequences == SequenceLabels.TARGET_SEQUENCE) != architecture.decodesSequences()) {
            throw new IllegalArgumentException(architecture.decodesSequences()
                    ? "model " + architecture.name() + " decodes a target sequence: give it csvseq: data whose labels files"
                    + " hold each source's target sequence, a token per line"
                    : "model " + architecture.name() + " does not decode target sequences; seq2seq does");
        }
        if (sequences == SequenceLabels.PER_STEP && architecture.readsSequences() && !architecture.labelsSteps()) {
            throw new IllegalArgumentException("model " + architecture.name() + " labels whole sequences; labels per time step train "
                    + String.join(", ", ARCHITECTURES.values().stream().filter(Architecture::labelsSteps).map(Architecture::name).toList()));
        }
        if (data ? !architecture.readsSequences() : !architecture.readsFlatExamples()) {
            List<String> recurrent = ARCHITECTURES.values().stream().filter(Architecture::readsSequences).map(Architecture::name).toList();
            throw new IllegalArgumentException(data ? "model " + architecture.name() + " reads flat examples; csvseq: sequences"
                    + " train a recurrent model: " + String.join(", ", recurrent)
                    : "model " + architecture.name() + " reads sequences: give it csvseq: data");
        }
    }

    /** The names of the models that {@code --task regression} trains. */
    public static List<String> regressors() {
        return ARCHITECTURES.values().stream().filter(Architecture::regresses).map(Architecture::name).toList();
    }

    /**
     * Whether {@code --model} names a DL4J configuration file (it ends in {@code .json}) rather
     * than a zoo model.
     */
    public static boolean isConfigurationFile(String model) {
        return model != null && model.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    /** A configuration file brings its own architecture, loss, initialisation and penalties. */
    private static void checkFileOptions(String file, ModelOptions options) {
        ModelOptions defaults = ModelOptions.defaults();
        if (!options.equals(defaults)) {
            throw new IllegalArgumentException("--model-arg, --loss, --weight-init, --l1 and --l2 shape zoo models; the"
                    + " configuration " + file + " brings its own layers, loss, initialisation and penalties");
        }
    }

    /**
     * The configuration, of either network kind, of the named model for this request.
     *
     * @throws IllegalArgumentException when the model cannot be built for the request's input
     *                                  (an image too small for its convolutions)
     */
    public static NetworkConfiguration network(String name, ModelRequest request) {
        Architecture architecture = get(name);
        checkTask(architecture, request.regression());
        checkSequences(architecture, request.sequences());
        try {
            NetworkConfiguration configuration = architecture.network(request);
            if (configuration instanceof NetworkConfiguration.Layers layers && scoresAreLinear(layers.conf())) {
                // DL4J's Evaluation refuses outputs that are not probabilities unless told otherwise;
                // hinge and perceptron outputs are scores whose largest is the predicted class.
                layers.conf().setValidateOutputLayerConfig(false);
            }
            return configuration;
        } catch (DL4JInvalidConfigException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("model " + name + " cannot be built for " + request.input() + " input: "
                    + reason, e);
        }
    }

    /**
     * The configuration of the named model, which must be a stack of layers.
     *
     * @throws IllegalArgumentException as {@link #network}, and for a model that is a computation graph
     */
    public static MultiLayerConfiguration configure(String name, ModelRequest request) {
        if (network(name, request) instanceof NetworkConfiguration.Layers layers) {
            return layers.conf();
        }
        throw new IllegalArgumentException("model " + name + " is a ComputationGraph, not a MultiLayerNetwork");
    }

    private static boolean scoresAreLinear(MultiLayerConfiguration configuration) {
        var last = configuration.getConf(configuration.getConfs().size() - 1).getLayer();
        return last instanceof BaseLayer layer && layer.getActivationFn() instanceof ActivationIdentity;
    }

    /** A freshly initialised network of the named model, of either kind. */
    public static Network create(String name, ModelRequest request) {
        return network(name, request).build();
    }

    /** A freshly initialised network of the named model, which must be a stack of layers. */
    public static MultiLayerNetwork build(String name, ModelRequest request) {
        MultiLayerNetwork network = new MultiLayerNetwork(configure(name, request));
        network.init();
        return network;
    }
}
