package io.sparkdp.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted feature normalization: feature {@code j} of every example becomes
 * {@code (x - offset[j]) * scale[j]}, computed in 32-bit floats on the executors when a
 * minibatch is cut. Fitted once on the training records ({@link FeatureStats}), then saved with
 * the model and the checkpoints, so that evaluation, scoring and a resumed run apply exactly
 * the same one. A feature that is constant in the training data has scale 1 (it becomes 0
 * there), never a division by zero.
 *
 * @param method how it was fitted
 * @param offset subtracted from each feature; empty for {@link Normalization#NONE}
 * @param scale  multiplied with each feature after the offset; as long as {@code offset}
 */
public record Normalizer(Normalization method, float[] offset, float[] scale) implements Serializable {
    private static final Normalizer NONE = new Normalizer(Normalization.NONE, new float[0], new float[0]);

    public Normalizer {
        Objects.requireNonNull(method, "method");
        offset = offset == null ? new float[0] : offset.clone();
        scale = scale == null ? new float[0] : scale.clone();
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("normalizer has " + offset.length + " offsets but " + scale.length + " scales");
        }
        if ((method == Normalization.NONE) != (offset.length == 0)) {
            throw new IllegalArgumentException("a " + method.flag() + " normalizer with " + offset.length + " features");
        }
        for (int j = 0; j < offset.length; j++) {
            if (!Float.isFinite(offset[j]) || !Float.isFinite(scale[j]) || scale[j] == 0) {
                throw new IllegalArgumentException("normalizer feature " + j + " has offset " + offset[j] + ", scale " + scale[j]);
            }
        }
    }

    /** Features left as they are. */
    public static Normalizer none() {
        return NONE;
    }

    public boolean identity() {
        return method == Normalization.NONE;
    }

    /** Features this normalizer was fitted on; 0 for none, which fits any. */
    public int featureSize() {
        return offset.length;
    }

    /** Normalises {@code rows} examples of {@code featureSize} values in {@code values}, in place. */
    public void apply(float[] values, int rows, int featureSize) {
        if (identity()) {
            return;
        }
        checkFits(featureSize);
        for (int r = 0; r < rows; r++) {
            int at = r * featureSize;
            for (int j = 0; j < featureSize; j++) {
                values[at + j] = (values[at + j] - offset[j]) * scale[j];
            }
        }
    }

    /**
     * Normalises sequences in place: {@code lengths.length} examples of {@code features} by
     * {@code steps} values, feature-major, each feature by its own offset and scale at every real
     * step; padded steps stay as they are.
     */
    public void applySteps(float[] values, int[] lengths, int features, int steps) {
        if (identity()) {
            return;
        }
        checkFits(features);
        for (int r = 0; r < lengths.length; r++) {
            for (int f = 0; f < features; f++) {
                int at = (r * features + f) * steps;
                for (int t = 0; t < lengths[r]; t++) {
                    values[at + t] = (values[at + t] - offset[f]) * scale[f];
                }
            }
        }
    }

    /** Fails unless this normalizer applies to examples of {@code featureSize} values. */
    public void checkFits(int featureSize) {
        if (!identity() && featureSize != offset.length) {
            throw new BadDataException("the " + method.flag() + " normalizer was fitted on " + offset.length
                    + " features, the data has " + featureSize);
        }
    }

    /** One line for logs and the model's metadata. */
    public String describe() {
        return identity() ? "none" : method.flag() + " over " + offset.length + " features, fitted on the training records";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer n && method == n.method && Arrays.equals(offset, n.offset) && Arrays.equals(scale, n.scale);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * method.hashCode() + Arrays.hashCode(offset)) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalizer[" + describe() + "]";
    }
}
