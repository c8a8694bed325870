package io.sparkdp.driver.model;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Normalizer;
import io.sparkdp.data.Task;
import java.util.List;

/**
 * What sparkdp saves beside DL4J's network in a model zip (entry {@value #ENTRY}): the data the
 * model was trained for, so that evaluation and scoring read inputs the same way, name the
 * classes as training saw them, and know whether its outputs are classes or regression targets.
 *
 * @param input         the shape and class names of the training data
 * @param normalization how features were normalised on their way into the model, in words
 * @param normalizer    the fitted normalization that evaluation and scoring apply to every example
 *                      (after any pixel scaling), as {@link io.sparkdp.data.ExampleBlock#normalizedBy}
 *                      does; models saved before it existed read as none
 * @param task          what the model predicts: classes, or the regression targets its input
 *                      schema names, or its input's features (reconstruction, whatever labels the
 *                      schema's data had); models saved before it existed read as their schema's
 */
public record ModelMetadata(DataSchema input, String normalization, Normalizer normalizer, Task task) {
    /** The zip entry holding this record as JSON. */
    public static final String ENTRY = "sparkdp-model.json";

    public ModelMetadata {
        if (input == null || normalization == null) {
            throw new IllegalArgumentException("input and normalization are required");
        }
        normalizer = normalizer == null ? Normalizer.none() : normalizer;
        normalizer.checkFits(input.normalizedSize());
        task = task == null ? input.task() : task;
        if (task != input.task() && task != Task.RECONSTRUCTION) {
            throw new IllegalArgumentException("a " + task.flag() + " model's input schema has " + input.describeLabels());
        }
    }

    /** The metadata of a model trained on {@code input}, normalised by {@code normalizer}. */
    public static ModelMetadata of(DataSchema input, Normalizer normalizer) {
        return of(input, normalizer, input.task());
    }

    /** The metadata of a model trained for {@code task} on {@code input}, normalised by {@code normalizer}. */
    public static ModelMetadata of(DataSchema input, Normalizer normalizer, Task task) {
        String scaling = input.image() ? ExampleBlock.NORMALIZATION + "; then " : "";
        return new ModelMetadata(input, scaling + "normalizer: " + normalizer.describe(), normalizer, task);
    }

    public List<String> classNames() {
        return input.classNames();
    }
}
