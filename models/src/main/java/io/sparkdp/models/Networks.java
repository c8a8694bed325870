package io.sparkdp.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * What every zoo model shares: the start of the layer list (seed, data type, optimizer, weight
 * initialisation, L1/L2), dense layers with dropout, and the output layer of the chosen loss.
 * A model uses these so that {@code --loss}, {@code --weight-init}, {@code --l1} and {@code --l2}
 * mean the same for all.
 */
final class Networks {
    private Networks() {
    }

    /** The layer list of a request; {@code modelInit} is the model's own initialisation of hidden layers. */
    static NeuralNetConfiguration.ListBuilder start(ModelRequest request, WeightInit modelInit) {
        return base(request, modelInit).list();
    }

    /** The graph of a request; {@code modelInit} is the model's own initialisation of hidden layers. */
    static ComputationGraphConfiguration.GraphBuilder startGraph(ModelRequest request, WeightInit modelInit) {
        return base(request, modelInit).graphBuilder();
    }

    private static NeuralNetConfiguration.Builder base(ModelRequest request, WeightInit modelInit) {
        ModelOptions options = request.options();
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(request.seed())
                .dataType(request.dataType())
                .updater(request.optimizer().toUpdater())
                .weightInit(init(request, modelInit));
        if (options.l1() > 0) {
            builder.l1(options.l1());
        }
        if (options.l2() > 0) {
            builder.l2(options.l2());
        }
        return builder;
    }

    /**
     * The side of a feature map after an unpadded window of {@code window} with {@code stride}
     * slides over a map of side {@code side}; DL4J builds such a network without complaint and
     * fails only on the first forward pass, so the zoo checks first.
     *
     * @throws IllegalArgumentException when the map is smaller than the window
     */
    static int slide(ModelRequest request, String model, int side, int window, int stride) {
        if (side < window) {
            throw new IllegalArgumentException("model " + model + " cannot be built for " + request.input()
                    + " input: a " + window + "x" + window + " window does not fit a " + side + "x" + side + " feature map");
        }
        return (side - window) / stride + 1;
    }

    /** The user's weight initialisation, or {@code modelInit} when the user left it to the model. */
    static WeightInit init(ModelRequest request, WeightInit modelInit) {
        return switch (request.options().weightInit()) {
            case "xavier" -> WeightInit.XAVIER;
            case "he" -> WeightInit.RELU;
            case "normal" -> WeightInit.NORMAL;
            default -> modelInit;
        };
    }

    /** A dense layer whose input is dropped with probability {@code dropout} while training (DL4J takes the keep probability). */
    static DenseLayer dense(int nOut, Activation activation, double dropout) {
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(nOut).activation(activation);
        if (dropout > 0) {
            dense.dropOut(1 - dropout);
        }
        return dense.build();
    }

    /**
     * The output layer for the request's loss (or {@code model}'s own), with its input dropped with
     * probability {@code dropout}: one output per class, or for regression one identity output per target.
     *
     * @throws IllegalArgumentException when {@code --loss} asks a model whose loss is fixed for another
     */
    static OutputLayer output(ModelRequest request, Architecture model, WeightInit modelInit, double dropout) {
        return configured(new OutputLayer.Builder(), request, model, modelInit, dropout).build();
    }

    /**
     * As {@link #output}, at every time step of a sequence: one output per class per step, for
     * labels per time step.
     */
    static RnnOutputLayer stepOutput(ModelRequest request, Architecture model, WeightInit modelInit, double dropout) {
        return configured(new RnnOutputLayer.Builder(), request, model, modelInit, dropout).build();
    }

    private static <B extends BaseOutputLayer.Builder<B>> B configured(B output, ModelRequest request, Architecture model,
                                                                       WeightInit modelInit, double dropout) {
        String name = lossName(request.options(), model);
        Losses.Output loss = request.regression() ? Losses.regressionOutput(name) : Losses.output(name, model.loss());
        output.lossFunction(loss.function()).nOut(request.numClasses()).weightInit(init(request, modelInit))
                .activation(loss.activation());
        if (dropout > 0) {
            output.dropOut(1 - dropout);
        }
        return output;
    }

    /** The loss {@code options} ask of {@code model}, checked against a model whose loss is fixed. */
    static String lossName(ModelOptions options, Architecture model) {
        if (model.lossIsFixed() && !Losses.AUTO.equals(options.loss()) && !options.loss().equals(model.loss())) {
            throw new IllegalArgumentException("model " + model.name() + " trains with " + model.loss()
                    + " by definition, not --loss " + options.loss() + "; use --model softmax or mlp to choose a loss");
        }
        return options.loss();
    }
}
