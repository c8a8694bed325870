package io.sparkdp.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.activations.Activation;

/** The activations users name in model arguments, and what each is in DL4J. */
public final class Activations {
    private static final Map<String, Activation> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("relu", Activation.RELU);
        BY_NAME.put("leakyrelu", Activation.LEAKYRELU);
        BY_NAME.put("elu", Activation.ELU);
        BY_NAME.put("gelu", Activation.GELU);
        BY_NAME.put("sigmoid", Activation.SIGMOID);
        BY_NAME.put("tanh", Activation.TANH);
        BY_NAME.put("softmax", Activation.SOFTMAX);
        BY_NAME.put("identity", Activation.IDENTITY);
    }

    /** Every activation name, in the order help texts list them. */
    public static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Activations() {
    }

    /**
     * The activation of that name (case and {@code _}/{@code -} ignored: {@code leaky_relu} is {@code leakyrelu}).
     *
     * @throws IllegalArgumentException naming the known activations; for {@code step}, saying why it
     *                                  cannot be a hidden activation
     */
    public static Activation named(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (key.equals("step")) {
            throw new IllegalArgumentException("the step activation has no gradient, so hidden layers cannot learn through it;"
                    + " --model perceptron classifies by the step (sign) of its scores");
        }
        Activation activation = BY_NAME.get(key);
        if (activation == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        return activation;
    }
}
