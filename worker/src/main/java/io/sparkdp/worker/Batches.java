package io.sparkdp.worker;

import io.sparkdp.data.Labels;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Steps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Turns the pipeline's {@link Minibatch} into the DL4J {@link DataSet} a network consumes. */
public final class Batches {
    private Batches() {
    }

    /**
     * A data set of the batch's features and labels, in the network's data type: one-hot rows for
     * classes, the targets themselves for regression, and for reconstruction a copy of the
     * features (its own array, so that noise a network adds to its input never reaches a target).
     * Sequences become DL4J's recurrent input, {@code [examples, features, steps]}, with a features
     * mask {@code [examples, steps]} of 1 for each real step and 0 for padding; labels per time
     * step (classes or targets) become {@code [examples, classes or targets, steps]} under the same mask.
     * Classes per step carry their own steps and mask ({@link Labels.StepClasses#mask()}): for tagging
     * they equal the features', for target sequences (sequence to sequence) they are the targets' own.
     */
    public static DataSet toDataSet(Minibatch batch, DataType dataType) {
        Steps steps = batch.steps();
        var features = steps.sequences()
                ? NativeArrays.create(batch.features(), batch.size(), batch.featureSize() / steps.max(), steps.max())
                : NativeArrays.create(batch.features(), batch.size(), batch.featureSize());
        boolean perStep = batch.labels().perStep();
        int labelSteps = batch.labels() instanceof Labels.StepClasses classes ? classes.steps() : steps.max();
        var labels = batch.reconstructs() ? features.dup()
                : perStep ? NativeArrays.create(batch.labels().matrix(), batch.size(), batch.labels().width(), labelSteps)
                : NativeArrays.create(batch.labels().matrix(), batch.size(), batch.labels().width());
        INDArray mask = steps.sequences() ? NativeArrays.create(steps.mask(), batch.size(), steps.max()) : null;
        INDArray labelsMask = batch.labels() instanceof Labels.StepClasses classes
                ? NativeArrays.create(classes.mask(), batch.size(), labelSteps) : perStep ? mask : null;
        if (dataType != DataType.FLOAT) {
            features = features.castTo(dataType);
            labels = labels.castTo(dataType);
            mask = mask == null ? null : mask.castTo(dataType);
            labelsMask = labelsMask == null ? null : labelsMask.castTo(dataType);
        }
        return new DataSet(features, labels, mask, labelsMask);
    }
}
