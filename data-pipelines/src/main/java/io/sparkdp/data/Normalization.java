package io.sparkdp.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How features are normalised after any pixel scaling, as {@code --normalize} names it. */
public enum Normalization {
    /** Features as read (images: pixel / 255). */
    NONE,
    /** Each feature to [0, 1] over the training records: {@code (x - min) / (max - min)}. */
    MINMAX,
    /** Each feature to mean 0 and unit (population) standard deviation over the training records. */
    STANDARDIZE;

    /** The names users write, lower case. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Normalization::flag).toList();

    /** The method named {@code name}, in any case. */
    public static Normalization parse(String name) {
        for (Normalization method : values()) {
            if (method.flag().equalsIgnoreCase(String.valueOf(name).trim())) {
                return method;
            }
        }
        throw new IllegalArgumentException("--normalize must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
    }

    /** The name as users write it. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
