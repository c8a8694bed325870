package io.sparkdp.driver.model;

import io.sparkdp.data.DataSchema;
import java.util.List;

/**
 * What sparkdp saves beside DL4J's network in a model zip (entry {@value #ENTRY}): the data the
 * model was trained for, so that evaluation and scoring read inputs the same way and name the
 * classes as training saw them.
 *
 * @param input         the shape and class names of the training data
 * @param normalization how features were normalised on their way into the model
 */
public record ModelMetadata(DataSchema input, String normalization) {
    /** The zip entry holding this record as JSON. */
    public static final String ENTRY = "sparkdp-model.json";

    public ModelMetadata {
        if (input == null || normalization == null) {
            throw new IllegalArgumentException("input and normalization are required");
        }
    }

    public List<String> classNames() {
        return input.classNames();
    }
}
