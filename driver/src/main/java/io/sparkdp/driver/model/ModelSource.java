package io.sparkdp.driver.model;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataSchema;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.models.network.Transfer;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a run's fresh network comes from: the model zoo by name, or, for {@code --model} ending
 * in {@code .json} ({@link ModelZoo#isConfigurationFile}), a DL4J {@code MultiLayerConfiguration}
 * or {@code ComputationGraphConfiguration} read from any Hadoop URI. A file's network is checked
 * against the data before training: it must read flat examples of the data's size (as images of
 * the data's shape, if it reads images) and predict the data's classes.
 */
public final class ModelSource {
    private ModelSource() {
    }

    /**
     * A freshly initialised network of {@code model} for {@code data}; a zoo model is built for
     * {@code request}, a configuration file keeps its own optimizer, loss and data type.
     *
     * @throws IllegalArgumentException in one line when the model cannot be built or does not fit the data
     */
    public static Network build(String model, ModelRequest request, DataSchema data, Configuration hadoop) {
        if (!ModelZoo.isConfigurationFile(model)) {
            return ModelZoo.create(model, request);
        }
        NetworkConfiguration configuration = read(model, hadoop);
        checkInput(model, configuration, data);
        Network network;
        try {
            network = configuration.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model configuration " + model + " cannot be built: "
                    + ModelStore.reason(e), e);
        }
        if (network.outputSize() != data.numClasses()) {
            throw new BadDataException("model configuration " + model + " predicts " + network.outputSize()
                    + " classes, but the data has " + data.numClasses());
        }
        return network;
    }

    /**
     * The network a transfer-learning run starts from: {@code init} adapted by {@code plan}
     * ({@link Transfer#adapt}), checked against the data first. Without a new head, the init
     * model's head must predict the data's outputs; a new head must be exactly as wide.
     *
     * @throws IllegalArgumentException in one line when the init model does not fit the data or the plan
     */
    public static Network adapt(InitModel init, Transfer.Plan plan, DataSchema data) {
        String uri = init.origin().uri();
        checkInput("init model " + uri, init.network().configuration(), data);
        String outputs = data.regression() ? data.outputs() + " targets" : data.outputs() + " classes";
        if (plan.replaceHead() == 0 && init.network().outputSize() != data.outputs()) {
            throw new BadDataException("init model " + uri + " predicts " + init.network().outputSize() + " outputs, but the"
                    + " data has " + outputs + "; pass --replace-head " + data.outputs() + " for a fresh head of the data's width");
        }
        if (plan.replaceHead() > 0 && plan.replaceHead() != data.outputs()) {
            throw new BadDataException("--replace-head " + plan.replaceHead() + ", but the data has " + outputs);
        }
        return Transfer.adapt(init.network(), plan);
    }

    /** The configuration in the file at {@code uri}. */
    static NetworkConfiguration read(String uri, Configuration hadoop) {
        String json = new ModelStore(hadoop).loadText(uri, "model configuration");
        try {
            return NetworkConfiguration.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model configuration " + uri + ": " + e.getMessage(), e);
        }
    }

    private static String described(String uri) {
        return uri.startsWith("init model ") ? uri : "model configuration " + uri;
    }

    /** Fails unless the configuration reads the data's examples. */
    static void checkInput(String uri, NetworkConfiguration configuration, DataSchema data) {
        if (data.sequence()) {
            checkSteps(uri, configuration, data);
            return;
        }
        long features;
        try {
            features = configuration.inputSize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(described(uri) + ": " + e.getMessage(), e);
        }
        Optional<InputShape> image = configuration.imageInput();
        InputShape shape = new InputShape(data.channels(), data.height(), data.width());
        if (features != data.featureSize() || image.isPresent() && !image.get().equals(shape)) {
            throw new BadDataException(described(uri) + " reads " + image.map(i -> i + " images = ").orElse("")
                    + features + " values per example, but the data has " + data.describe() + " = " + data.featureSize());
        }
    }

    /** Fails unless the configuration reads the features of one time step of the data's sequences. */
    private static void checkSteps(String uri, NetworkConfiguration configuration, DataSchema data) {
        long perStep;
        try {
            perStep = configuration.stepSize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(described(uri) + ": " + e.getMessage(), e);
        }
        if (perStep != data.channels()) {
            throw new BadDataException(described(uri) + " reads " + perStep + " features per time step, but the data has "
                    + data.describe());
        }
    }
}
