package io.sparkdp.data;

/**
 * One minibatch: {@code size} examples of {@code featureSize} values each, row-major, and their
 * class indices. The one batch type every strategy and worker consumes.
 *
 * @param features    {@code size * featureSize} values
 * @param labels      class index of each example, in {@code [0, numClasses)}
 * @param featureSize values per example
 * @param numClasses  number of classes
 */
public record Minibatch(float[] features, int[] labels, int featureSize, int numClasses) {
    public Minibatch {
        if (features.length != labels.length * featureSize) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + labels.length + " x " + featureSize);
        }
        for (int i = 0; i < labels.length; i++) {
            // An out-of-range label would otherwise mark a class in a neighbouring one-hot row.
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside the "
                        + numClasses + " classes");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** The labels as one-hot rows, {@code size * numClasses} values. */
    public float[] oneHotLabels() {
        float[] oneHot = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * numClasses + labels[i]] = 1f;
        }
        return oneHot;
    }
}
