package io.sparkdp.models;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * A one-layer linear model: the input connects straight to one output per class (or target), and
 * the model is defined by its loss. Four of them are in the zoo:
 * <ul>
 *   <li>{@code perceptron}: linear scores trained with the perceptron criterion
 *       ({@link OneVsRestHingeLoss} with margin 0), so an update happens only for a class whose
 *       step (sign) output is wrong; the predicted class is the highest score. A step function
 *       has no gradient, so this is how the perceptron is trained by gradient descent;</li>
 *   <li>{@code logistic}: a sigmoid per class with binary cross-entropy (one-vs-rest logistic regression);</li>
 *   <li>{@code softmax}: softmax with categorical cross-entropy (multinomial logistic regression);</li>
 *   <li>{@code linear}: for {@code --task regression} only, identity outputs with MSE (least-squares
 *       linear regression), or with {@code --loss mae} least absolute deviations.</li>
 * </ul>
 */
final class LinearArchitecture implements LayeredArchitecture {
    private final String name;
    private final String description;
    private final String loss;
    private final boolean regression;

    private LinearArchitecture(String name, String description, String loss, boolean regression) {
        this.name = name;
        this.description = description;
        this.loss = loss;
        this.regression = regression;
    }

    private LinearArchitecture(String name, String description, String loss) {
        this(name, description, loss, false);
    }

    static LinearArchitecture perceptron() {
        return new LinearArchitecture("perceptron",
                "one layer of linear scores with a step decision, trained by the perceptron rule (one-vs-rest, margin 0)",
                Losses.PERCEPTRON);
    }

    static LinearArchitecture logistic() {
        return new LinearArchitecture("logistic",
                "one layer, sigmoid per class with binary cross-entropy (one-vs-rest logistic regression)", Losses.BINARY);
    }

    static LinearArchitecture softmax() {
        return new LinearArchitecture("softmax",
                "one layer, softmax with categorical cross-entropy (multinomial logistic regression)", Losses.CATEGORICAL);
    }

    static LinearArchitecture linear() {
        return new LinearArchitecture("linear",
                "linear regression (--task regression): one layer, identity outputs with MSE, or MAE by --loss", Losses.MSE,
                true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String loss() {
        return loss;
    }

    @Override
    public boolean lossIsFixed() {
        return !regression;
    }

    @Override
    public boolean classifies() {
        return !regression;
    }

    @Override
    public boolean regresses() {
        return regression;
    }

    @Override
    public MultiLayerConfiguration configure(ModelRequest request) {
        ModelArgs.resolve(this, request.options().args());
        OutputLayer output = Networks.output(request, this, WeightInit.XAVIER, 0);
        output.setNIn(request.input().size());
        return Networks.start(request, WeightInit.XAVIER).layer(0, output)
                .setInputType(InputType.feedForward(request.input().size())).build();
    }
}
