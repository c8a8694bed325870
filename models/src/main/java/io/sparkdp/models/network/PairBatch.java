package io.sparkdp.models.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A minibatch of labelled examples turned into the two inputs of a Siamese network: each example
 * on the left, its partner on the right, and a label of 1 for a pair of one class, 0 otherwise.
 *
 * @param left  the examples, as the minibatch holds them (flat rows, or sequences {@code [n, F, T]})
 * @param right each example's partner, in the same form
 * @param same  one column: 1 for a pair of one class, 0 for a pair of two
 * @param masks the sequence masks of the two inputs, or null for examples that are not padded sequences
 */
record PairBatch(INDArray left, INDArray right, INDArray same, INDArray[] masks) {
    /** The pairs of {@code batch} that {@code pairs} names, in {@code dataType}. */
    static PairBatch of(DataSet batch, Pairs pairs, DataType dataType) {
        INDArray features = batch.getFeatures();
        INDArray mask = batch.getFeaturesMaskArray();
        float[] flags = new float[pairs.same().length];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = pairs.same()[i] ? 1 : 0;
        }
        INDArray same = Nd4j.createFromArray(flags).reshape(flags.length, 1).castTo(dataType);
        INDArray[] masks = mask == null ? null : new INDArray[] {mask, rows(mask, pairs.partner())};
        return new PairBatch(features, rows(features, pairs.partner()), same, masks);
    }

    /**
     * The class of each example of {@code batch}, whose labels are one-hot rows.
     *
     * @throws IllegalArgumentException for labels per time step, which do not say one class per example
     */
    static int[] classes(DataSet batch) {
        INDArray labels = batch.getLabels();
        if (labels == null || labels.rank() != 2) {
            throw new IllegalArgumentException("a Siamese network pairs whole examples by their class; it needs one class"
                    + " label per example, not labels per time step");
        }
        return labels.argMax(1).toIntVector();
    }

    /** The rows {@code indices} of {@code array}, along its first dimension, of whatever rank. */
    private static INDArray rows(INDArray array, int[] indices) {
        long[] shape = array.shape();
        long width = array.length() / shape[0];
        INDArray picked = Nd4j.pullRows(array.dup('c').reshape('c', shape[0], width), 1, indices);
        shape[0] = indices.length;
        return picked.reshape('c', shape);
    }
}
