package io.sparkdp.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The losses users name with {@code --loss}, each with the output activation it is paired with.
 * For classification: categorical cross-entropy with softmax, binary cross-entropy with a sigmoid
 * per class (one-vs-rest), MSE and MAE with softmax (so outputs stay probabilities), hinge with
 * linear scores (one-vs-rest, {@link OneVsRestHingeLoss}). For regression only MSE (the default)
 * and MAE, with an identity output: the others are losses over classes.
 */
public final class Losses {
    /** Let the model choose: its own loss. */
    public static final String AUTO = "auto";
    public static final String CATEGORICAL = "categorical-crossentropy";
    public static final String BINARY = "binary-crossentropy";
    public static final String HINGE = "hinge";
    public static final String MSE = "mse";
    public static final String MAE = "mae";
    /** The losses of regression, MSE first (its default), each on an identity output. */
    public static final List<String> REGRESSION = List.of(MSE, MAE);
    /** The losses of reconstruction, MSE first (its default): identity outputs, or sigmoids for binary cross-entropy. */
    public static final List<String> RECONSTRUCTION = List.of(MSE, MAE, BINARY);
    /** The perceptron criterion; not offered by {@code --loss}, it is what {@code --model perceptron} is. */
    static final String PERCEPTRON = "perceptron";

    /**
     * A loss with the activation of the output layer it needs.
     *
     * @param function   the DL4J loss
     * @param activation the output layer's activation
     */
    record Output(ILossFunction function, Activation activation) {
    }

    /** Fresh losses for every network: DL4J loss objects are mutable (a gradient check zeroes their clipping). */
    private static final Map<String, Supplier<Output>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put(MSE, () -> new Output(new LossMSE(), Activation.SOFTMAX));
        BY_NAME.put(MAE, () -> new Output(new LossMAE(), Activation.SOFTMAX));
        BY_NAME.put(BINARY, () -> new Output(new LossBinaryXENT(), Activation.SIGMOID));
        BY_NAME.put(CATEGORICAL, () -> new Output(new LossMCXENT(), Activation.SOFTMAX));
        BY_NAME.put(HINGE, () -> new Output(new OneVsRestHingeLoss(1.0), Activation.IDENTITY));
    }

    /** The names {@code --loss} accepts besides {@value #AUTO}. */
    public static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Losses() {
    }

    /** {@code name} in the form {@link #NAMES} spells it ({@code categorical_crossentropy} becomes {@code categorical-crossentropy}). */
    public static String normalize(String name) {
        String key = name == null ? AUTO : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (key) {
            case "bce", "binary-cross-entropy", "xent" -> BINARY;
            case "cce", "categorical-cross-entropy", "mcxent" -> CATEGORICAL;
            default -> key;
        };
    }

    /** Fails with the known names unless {@code name} (normalized) is {@value #AUTO} or one of {@link #NAMES}. */
    public static void check(String name) {
        if (!AUTO.equals(name) && !BY_NAME.containsKey(name)) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; choose one of " + AUTO + ", " + String.join(", ", NAMES));
        }
    }

    /** The output of a model whose own loss is {@code modelLoss}, given the user's choice {@code requested}. */
    static Output output(String requested, String modelLoss) {
        String name = AUTO.equals(requested) ? modelLoss : requested;
        if (PERCEPTRON.equals(name)) {
            return new Output(new OneVsRestHingeLoss(0.0), Activation.IDENTITY);
        }
        check(name);
        return BY_NAME.get(name).get();
    }

    /**
     * The output of a regression model given the user's choice {@code requested}: an identity
     * output with MSE ({@value #AUTO}) or MAE.
     *
     * @throws IllegalArgumentException for a loss over classes
     */
    static Output regressionOutput(String requested) {
        checkRegression(requested);
        return new Output(MAE.equals(requested) ? new LossMAE() : new LossMSE(), Activation.IDENTITY);
    }

    /**
     * The output of a model that reconstructs its input, given the user's choice {@code requested}:
     * an identity output with MSE ({@value #AUTO}) or MAE, or sigmoids with binary cross-entropy
     * (for inputs in [0, 1], such as scaled pixels).
     *
     * @throws IllegalArgumentException for a loss over classes
     */
    static Output reconstructionOutput(String requested) {
        checkReconstruction(requested);
        return BINARY.equals(requested) ? BY_NAME.get(BINARY).get() : regressionOutput(requested);
    }

    /** Fails in one line unless {@code name} (normalized) is a loss reconstruction trains with. */
    static void checkReconstruction(String name) {
        if (!AUTO.equals(name) && !RECONSTRUCTION.contains(name)) {
            throw new IllegalArgumentException("--loss " + name + " is a classification loss; a model that reconstructs its"
                    + " input trains with " + String.join(", ", RECONSTRUCTION));
        }
    }

    /** Fails in one line unless {@code name} (normalized) is a loss regression trains with. */
    static void checkRegression(String name) {
        if (!AUTO.equals(name) && !REGRESSION.contains(name)) {
            throw new IllegalArgumentException("--loss " + name + " is a classification loss; --task regression trains with "
                    + String.join(" or ", REGRESSION));
        }
    }
}
