package io.sparkdp.worker;

import io.sparkdp.data.Minibatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** Turns the pipeline's {@link Minibatch} into the DL4J {@link DataSet} a network consumes. */
public final class Batches {
    private Batches() {
    }

    /**
     * A data set of the batch's features and labels, in the network's data type: one-hot rows for
     * classes, the targets themselves for regression, and for reconstruction a copy of the
     * features (its own array, so that noise a network adds to its input never reaches a target).
     */
    public static DataSet toDataSet(Minibatch batch, DataType dataType) {
        var features = NativeArrays.create(batch.features(), batch.size(), batch.featureSize());
        var labels = batch.reconstructs() ? features.dup()
                : NativeArrays.create(batch.labels().matrix(), batch.size(), batch.labels().width());
        if (dataType != DataType.FLOAT) {
            features = features.castTo(dataType);
            labels = labels.castTo(dataType);
        }
        return new DataSet(features, labels);
    }
}
