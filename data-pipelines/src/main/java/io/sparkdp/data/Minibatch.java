package io.sparkdp.data;

/**
 * One minibatch: {@code size} examples of {@code featureSize} values each, row-major, and their
 * labels (class indices, or regression targets). The one batch type every strategy and worker
 * consumes. Sequences are padded at the end to the same number of steps, each example laid out
 * feature-major ({@code [feature][step]}, DL4J's NCW), with {@code steps} saying which are real.
 *
 * @param features    {@code size * featureSize} values
 * @param labels      one label per example
 * @param featureSize values per example
 * @param steps       the real length of each sequence; {@link Steps#none()} for examples that are not sequences
 */
public record Minibatch(float[] features, Labels labels, int featureSize, Steps steps) {
    public Minibatch {
        if (features.length != (long) labels.size() * featureSize) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + labels.size() + " x " + featureSize);
        }
        if (steps.sequences() && (steps.lengths().length != labels.size() || featureSize % steps.max() != 0)) {
            throw new IllegalArgumentException(steps + " do not fit " + labels.size() + " examples of " + featureSize);
        }
    }

    /** A minibatch of examples that are not sequences. */
    public Minibatch(float[] features, Labels labels, int featureSize) {
        this(features, labels, featureSize, Steps.none());
    }

    /** A classification minibatch: the class index of each example, in {@code [0, numClasses)}. */
    public Minibatch(float[] features, int[] classes, int featureSize, int numClasses) {
        this(features, new Labels.Classes(classes, numClasses), featureSize);
    }

    /** Whether the targets are the features themselves ({@link Labels.Inputs}). */
    public boolean reconstructs() {
        return labels instanceof Labels.Inputs;
    }

    /** Number of examples. */
    public int size() {
        return labels.size();
    }

    /** The class index of each example. */
    public int[] classes() {
        return classification().indices();
    }

    /** Number of classes. */
    public int numClasses() {
        return classification().count();
    }

    /** The labels as one-hot rows, {@code size * numClasses} values. */
    public float[] oneHotLabels() {
        return classification().matrix();
    }

    private Labels.Classes classification() {
        if (labels instanceof Labels.Classes classes) {
            return classes;
        }
        throw new IllegalStateException("a regression minibatch has targets, not classes");
    }
}
