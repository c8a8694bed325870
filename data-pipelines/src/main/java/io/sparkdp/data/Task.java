package io.sparkdp.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a model learns to predict from a record's label, as {@code --task} names it. */
public enum Task {
    /** The label is one class of a few; the model outputs a score per class. */
    CLASSIFICATION,
    /** The label column(s) are real numbers; the model outputs one value per target. */
    REGRESSION,
    /**
     * The targets are the example's own normalised features (autoencoders); the data is read as
     * for classification and its labels are ignored.
     */
    RECONSTRUCTION;

    /** The names users write, lower case. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Task::flag).toList();

    /** The task named {@code name}, in any case. */
    public static Task parse(String name) {
        for (Task task : values()) {
            if (task.flag().equalsIgnoreCase(String.valueOf(name).trim())) {
                return task;
            }
        }
        throw new IllegalArgumentException("--task must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
    }

    /** The name as users write it. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
