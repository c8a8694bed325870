package io.sparkdp.data;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one example of a data set looks like, as the model must be built for it.
 *
 * @param channels    image channels (1 for tabular data)
 * @param height      image rows (1 for tabular data)
 * @param width       image columns, or the number of features of tabular data
 * @param image       whether the features are an image a convolutional model may read as one
 * @param classNames  classification: the name of each class, in class-index order, at least two;
 *                    regression: empty
 * @param targetNames regression: the name of each target (its column), in output order, at least
 *                    one; classification: empty (a schema saved before regression existed reads so)
 * @param sequence    whether an example is a sequence of {@code width} time steps (the longest in
 *                    the data, shorter ones padded and masked) of {@code channels} features each,
 *                    feature-major as DL4J's recurrent layers read it; a schema saved before
 *                    sequences existed reads as false
 * @param stepLabels  sequences only: whether each time step has its own class (tagging) or
 *                    targets (forecasting), rather than each sequence one
 * @param targetSteps target sequences only (sequence to sequence): the tokens of the longest target
 *                    sequence, whose length is its own, not its source's; the labels are padded to
 *                    one step more, for the {@link #END_OF_SEQUENCE} token that ends every target.
 *                    0 where labels are not target sequences (a schema saved before they existed reads so)
 */
public record DataSchema(int channels, int height, int width, boolean image, List<String> classNames,
                         List<String> targetNames, boolean sequence, boolean stepLabels, int targetSteps)
        implements Serializable {
    /**
     * The class that ends every target sequence, the last of a sequence-to-sequence vocabulary:
     * appended to each target in training, so that greedy decoding learns where a sequence stops.
     * Reserved: no label may be named so.
     */
    public static final String END_OF_SEQUENCE = "<eos>";

    public DataSchema {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("example shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        classNames = List.copyOf(classNames == null ? List.of() : classNames);
        targetNames = List.copyOf(targetNames == null ? List.of() : targetNames);
        if (targetNames.isEmpty() && classNames.size() < 2) {
            throw new BadDataException("a classifier needs at least 2 classes, found " + classNames.size());
        }
        if (!targetNames.isEmpty() && !classNames.isEmpty()) {
            throw new IllegalArgumentException("a schema has classes or regression targets, not both");
        }
        if (sequence && (image || height != 1)) {
            throw new IllegalArgumentException("a sequence schema is features x 1 x steps, not an image");
        }
        if (stepLabels && !sequence) {
            throw new IllegalArgumentException("labels per time step need sequences");
        }
        if (targetSteps < 0 || targetSteps > 0 && (!stepLabels || classNames.isEmpty()
                || !END_OF_SEQUENCE.equals(classNames.get(classNames.size() - 1)))) {
            throw new IllegalArgumentException("target sequences of " + targetSteps + " tokens need sequences labelled per"
                    + " step with classes ending in " + END_OF_SEQUENCE + ", got " + classNames);
        }
    }

    /** The schema of data that are not sequences. */
    public DataSchema(int channels, int height, int width, boolean image, List<String> classNames, List<String> targetNames) {
        this(channels, height, width, image, classNames, targetNames, false, false, 0);
    }

    /**
     * The schema of sequences of {@code steps} time steps (the longest) of {@code features} values,
     * with one class each or, with {@code stepLabels}, one class per time step.
     */
    public static DataSchema sequences(int features, int steps, List<String> classNames, boolean stepLabels) {
        return new DataSchema(features, 1, steps, false, classNames, List.of(), true, stepLabels, 0);
    }

    /**
     * The schema of sequences as {@link #sequences}, each labelled with a target sequence of its
     * own length (sequence to sequence): tokens of {@code vocabulary}, the longest target
     * {@code targetSteps} of them; the classes are the vocabulary and {@link #END_OF_SEQUENCE}.
     */
    public static DataSchema targetSequences(int features, int steps, List<String> vocabulary, int targetSteps) {
        if (targetSteps < 1) {
            throw new IllegalArgumentException("target sequences need at least 1 token, got " + targetSteps);
        }
        List<String> classes = new java.util.ArrayList<>(vocabulary);
        classes.add(END_OF_SEQUENCE);
        return new DataSchema(features, 1, steps, false, classes, List.of(), true, true, targetSteps);
    }

    /** Whether the labels are target sequences of their own length (sequence to sequence). */
    public boolean targetSequences() {
        return targetSteps > 0;
    }

    /**
     * The steps of a label sequence, padding included: the target's tokens and its end for target
     * sequences, the sequences' own time steps for labels per step.
     */
    public int labelSteps() {
        return targetSequences() ? targetSteps + 1 : width;
    }

    /**
     * The schema of sequences as {@link #sequences}, labelled with the named real-valued targets:
     * one row per sequence or, with {@code stepLabels}, one per time step (forecasting).
     */
    public static DataSchema sequenceTargets(int features, int steps, List<String> targetNames, boolean stepLabels) {
        if (targetNames.isEmpty()) {
            throw new IllegalArgumentException("regression needs at least one target");
        }
        return new DataSchema(features, 1, steps, false, List.of(), targetNames, true, stepLabels, 0);
    }

    /** Values a normalizer is fitted over: the features of one time step for sequences, of one example otherwise. */
    public int normalizedSize() {
        return sequence ? channels : featureSize();
    }

    /** The schema of a classification data set. */
    public DataSchema(int channels, int height, int width, boolean image, List<String> classNames) {
        this(channels, height, width, image, classNames, List.of());
    }

    /** The schema of tabular regression data: {@code features} values and the named targets. */
    public static DataSchema regression(int features, List<String> targetNames) {
        if (targetNames.isEmpty()) {
            throw new IllegalArgumentException("regression needs at least one target");
        }
        return new DataSchema(1, 1, features, false, List.of(), targetNames);
    }

    /** Classes named by their index, as formats that store no names (IDX) have them. */
    public static List<String> indexNames(int numClasses) {
        return IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
    }

    public int featureSize() {
        return channels * height * width;
    }

    /** Number of classes; 0 for regression. */
    public int numClasses() {
        return classNames.size();
    }

    /** What its labels are. */
    public Task task() {
        return targetNames.isEmpty() ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    public boolean regression() {
        return task() == Task.REGRESSION;
    }

    /** Outputs a model of this data has: one per class, or one per regression target. */
    public int outputs() {
        return regression() ? targetNames.size() : classNames.size();
    }

    /** The shape as users write it: {@code CxHxW} for images, the feature count otherwise. */
    public String describe() {
        if (sequence) {
            return "sequences of up to " + width + " steps of " + channels + " features"
                    + (targetSequences() ? " to targets of up to " + targetSteps + " tokens" : "");
        }
        return image ? channels + "x" + height + "x" + width : featureSize() + " features";
    }

    /** What is predicted, as users read it: {@code 10 classes}, or {@code regression targets [y]}. */
    public String describeLabels() {
        return regression() ? "regression target" + (targetNames.size() == 1 ? " " : "s ") + targetNames
                : classNames.size() + " classes";
    }
}
