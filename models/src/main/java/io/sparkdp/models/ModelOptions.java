package io.sparkdp.models;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to build a model beyond its name: the user's model arguments and the choices every model
 * shares. Immutable and validated; {@link #defaults()} builds each model exactly as it is described.
 *
 * @param args       {@code --model-arg} values by key, checked against the model by {@link ModelArgs}
 * @param loss       a name of {@link Losses#NAMES}, or {@value Losses#AUTO} for the model's own loss
 * @param weightInit one of {@link #WEIGHT_INITS}; {@value #AUTO} keeps each layer's own choice
 * @param l1         L1 penalty on the weights (not biases), 0 for none
 * @param l2         L2 penalty on the weights (not biases), 0 for none
 */
public record ModelOptions(Map<String, String> args, String loss, String weightInit, double l1, double l2)
        implements Serializable {
    public static final String AUTO = "auto";
    /** Weight initialisations by name: Xavier/Glorot normal, He (Kaiming) normal, N(0, 1/fan-in). */
    public static final List<String> WEIGHT_INITS = List.of(AUTO, "xavier", "he", "normal");

    public ModelOptions {
        args = Collections.unmodifiableMap(new TreeMap<>(args == null ? Map.of() : args));
        loss = Losses.normalize(loss);
        Losses.check(loss);
        weightInit = weightInit == null ? AUTO : weightInit.trim().toLowerCase(Locale.ROOT);
        if (!WEIGHT_INITS.contains(weightInit)) {
            throw new IllegalArgumentException("unknown weight init '" + weightInit + "'; choose one of " + String.join(", ", WEIGHT_INITS));
        }
        if (!(l1 >= 0) || Double.isInfinite(l1) || !(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("--l1 and --l2 must be 0 or positive and finite, got " + l1 + " and " + l2);
        }
    }

    /** The model's own arguments, loss and initialisation, no penalty. */
    public static ModelOptions defaults() {
        return new ModelOptions(Map.of(), Losses.AUTO, AUTO, 0, 0);
    }
}
