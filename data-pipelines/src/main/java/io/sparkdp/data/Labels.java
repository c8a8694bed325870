package io.sparkdp.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The labels of a run of examples: class indices for classification, real-valued targets for
 * regression, the examples' own features for reconstruction ({@link Inputs}, which store nothing). Classification keeps one {@code int} per example, as it always did; regression
 * keeps {@code width} floats per example, row-major. Immutable by convention: the arrays are
 * never written after construction.
 */
public sealed interface Labels extends Serializable permits Labels.Classes, Labels.StepClasses, Labels.Targets, Labels.StepTargets,
        Labels.Inputs {
    /** Number of examples. */
    int size();

    /** Columns of the label matrix a network is trained on: the classes (one-hot) or the targets. */
    int width();

    /** Number of classes the labels index; 0 for real-valued or reconstruction targets. */
    default int classes() {
        return 0;
    }

    /** Whether every time step of a sequence has its own label, under the sequences' mask. */
    default boolean perStep() {
        return false;
    }

    /** The labels of {@code examples}, in that order. */
    Labels select(int[] examples);

    /** The label matrix, {@code size() * width()} values row-major: one-hot rows, or the targets themselves. */
    float[] matrix();

    /** No labels of the same kind and width, to join others onto. */
    Labels empty();

    /** {@code parts}, one after another; each of the same kind and width as this one, which is not included. */
    Labels join(List<Labels> parts);

    /** The empty labels of data of {@code schema}. */
    static Labels emptyOf(DataSchema schema) {
        if (schema.stepLabels()) {
            return schema.regression() ? new StepTargets(new float[0], schema.outputs(), schema.width())
                    : new StepClasses(new int[0], schema.numClasses(), schema.labelSteps());
        }
        return schema.regression() ? new Targets(new float[0], schema.outputs()) : new Classes(new int[0], schema.numClasses());
    }

    /**
     * Class indices.
     *
     * @param indices the class of each example, in {@code [0, count)}
     * @param count   number of classes
     */
    record Classes(int[] indices, int count) implements Labels {
        public Classes {
            for (int i = 0; i < indices.length; i++) {
                // An out-of-range label would otherwise mark a class in a neighbouring one-hot row.
                if (indices[i] < 0 || indices[i] >= count) {
                    throw new IllegalArgumentException("label " + indices[i] + " of example " + i + " is outside the "
                            + count + " classes");
                }
            }
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public int width() {
            return count;
        }

        @Override
        public int classes() {
            return count;
        }

        @Override
        public Labels select(int[] examples) {
            int[] picked = new int[examples.length];
            for (int i = 0; i < examples.length; i++) {
                picked[i] = indices[examples[i]];
            }
            return new Classes(picked, count);
        }

        @Override
        public float[] matrix() {
            float[] oneHot = new float[indices.length * count];
            for (int i = 0; i < indices.length; i++) {
                oneHot[i * count + indices[i]] = 1f;
            }
            return oneHot;
        }

        @Override
        public Labels empty() {
            return new Classes(new int[0], count);
        }

        @Override
        public Labels join(List<Labels> parts) {
            int[] all = new int[parts.stream().mapToInt(Labels::size).sum()];
            int at = 0;
            for (Labels part : parts) {
                int[] more = ((Classes) Labels.same(this, part)).indices();
                System.arraycopy(more, 0, all, at, more.length);
                at += more.length;
            }
            return new Classes(all, count);
        }

        @Override
        public String toString() {
            return "Classes[" + count + ": " + Arrays.toString(Arrays.copyOf(indices, Math.min(5, indices.length))) + "...]";
        }
    }

    /**
     * A class for each time step of padded sequences (tagging): {@code steps} entries per example,
     * {@link #PADDING} where the sequence has ended. Its label matrix is DL4J's recurrent layout,
     * {@code [example][class][step]}, all zero at padded steps, which the labels mask ({@link #mask()})
     * hides. The steps are the sequences' own (tagging, the features' mask alike) or a target
     * sequence's, of a length of its own (sequence to sequence), so the labels carry their mask.
     *
     * @param indices each example's {@code steps} classes in {@code [0, count)}, or {@link #PADDING}
     * @param count   number of classes
     * @param steps   time steps per example, padding included
     */
    record StepClasses(int[] indices, int count, int steps) implements Labels {
        /** The class of a padded step. */
        public static final int PADDING = -1;

        public StepClasses {
            if (steps < 1 || indices.length % steps != 0) {
                throw new IllegalArgumentException(indices.length + " step labels do not make sequences of " + steps);
            }
            for (int i = 0; i < indices.length; i++) {
                if (indices[i] != PADDING && (indices[i] < 0 || indices[i] >= count)) {
                    throw new IllegalArgumentException("label " + indices[i] + " of step " + i % steps + " of example "
                            + i / steps + " is outside the " + count + " classes");
                }
            }
        }

        @Override
        public int size() {
            return indices.length / steps;
        }

        @Override
        public int width() {
            return count;
        }

        @Override
        public int classes() {
            return count;
        }

        @Override
        public boolean perStep() {
            return true;
        }

        @Override
        public Labels select(int[] examples) {
            int[] picked = new int[Math.multiplyExact(examples.length, steps)];
            for (int i = 0; i < examples.length; i++) {
                System.arraycopy(indices, examples[i] * steps, picked, i * steps, steps);
            }
            return new StepClasses(picked, count, steps);
        }

        @Override
        public float[] matrix() {
            float[] oneHot = new float[Math.multiplyExact(indices.length, count)];
            for (int i = 0; i < indices.length; i++) {
                if (indices[i] != PADDING) {
                    int example = i / steps;
                    oneHot[(example * count + indices[i]) * steps + i % steps] = 1f;
                }
            }
            return oneHot;
        }

        /** The labels mask, {@code size() * steps} values row-major: 1 for a labelled step, 0 for padding. */
        public float[] mask() {
            float[] mask = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                mask[i] = indices[i] == PADDING ? 0f : 1f;
            }
            return mask;
        }

        @Override
        public Labels empty() {
            return new StepClasses(new int[0], count, steps);
        }

        @Override
        public Labels join(List<Labels> parts) {
            int[] all = new int[parts.stream().mapToInt(p -> p.size() * steps).sum()];
            int at = 0;
            for (Labels part : parts) {
                StepClasses more = (StepClasses) Labels.same(this, part);
                Labels.sameSteps(more.steps, steps);
                System.arraycopy(more.indices, 0, all, at, more.indices.length);
                at += more.indices.length;
            }
            return new StepClasses(all, count, steps);
        }

        @Override
        public String toString() {
            return "StepClasses[" + count + " classes, " + steps + " steps]";
        }
    }

    /**
     * Real-valued regression targets, finite.
     *
     * @param values {@code width} values per example, row-major
     * @param width  targets per example, at least 1
     */
    record Targets(float[] values, int width) implements Labels {
        public Targets {
            if (width < 1 || values.length % width != 0) {
                throw new IllegalArgumentException(values.length + " target values do not make rows of " + width);
            }
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("target " + i % width + " of example " + i / width + " is " + values[i]);
                }
            }
        }

        @Override
        public int size() {
            return values.length / width;
        }

        @Override
        public Labels select(int[] examples) {
            return new Targets(rows(values, width, examples), width);
        }

        @Override
        public float[] matrix() {
            return values.clone();
        }

        @Override
        public Labels empty() {
            return new Targets(new float[0], width);
        }

        @Override
        public Labels join(List<Labels> parts) {
            return new Targets(concat(parts.stream().map(part -> ((Targets) Labels.same(this, part)).values()).toList()), width);
        }

        @Override
        public String toString() {
            return "Targets[" + width + ": " + Arrays.toString(Arrays.copyOf(values, Math.min(5, values.length))) + "...]";
        }
    }

    /**
     * Real-valued targets for each time step of padded sequences (forecasting): stored in DL4J's
     * recurrent layout, {@code [example][target][step]}, 0 at padded steps, which the labels mask
     * (the sequences' {@link Steps}) hides from training and evaluation.
     *
     * @param values {@code width * steps} finite values per example
     * @param width  targets per time step, at least 1
     * @param steps  time steps per example, padding included
     */
    record StepTargets(float[] values, int width, int steps) implements Labels {
        public StepTargets {
            if (width < 1 || steps < 1 || values.length % Math.multiplyExact(width, steps) != 0) {
                throw new IllegalArgumentException(values.length + " step targets do not make sequences of " + steps
                        + " steps of " + width);
            }
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("target " + i / steps % width + " of step " + i % steps
                            + " of example " + i / (width * steps) + " is " + values[i]);
                }
            }
        }

        @Override
        public boolean perStep() {
            return true;
        }

        @Override
        public int size() {
            return values.length / (width * steps);
        }

        @Override
        public Labels select(int[] examples) {
            return new StepTargets(rows(values, width * steps, examples), width, steps);
        }

        @Override
        public float[] matrix() {
            return values.clone();
        }

        @Override
        public Labels empty() {
            return new StepTargets(new float[0], width, steps);
        }

        @Override
        public Labels join(List<Labels> parts) {
            return new StepTargets(concat(parts.stream().map(part -> {
                StepTargets more = (StepTargets) Labels.same(this, part);
                Labels.sameSteps(more.steps, steps);
                return more.values;
            }).toList()), width, steps);
        }

        @Override
        public String toString() {
            return "StepTargets[" + width + " per step, " + steps + " steps]";
        }
    }

    /**
     * Reconstruction targets: each example's own features, after normalization, so nothing is
     * stored; whoever turns a minibatch into arrays copies its features ({@link Minibatch#reconstructs()}).
     *
     * @param size  number of examples
     * @param width features per example
     */
    record Inputs(int size, int width) implements Labels {
        public Inputs {
            if (size < 0 || width < 1) {
                throw new IllegalArgumentException(size + " reconstruction targets of " + width + " features");
            }
        }

        @Override
        public Labels select(int[] examples) {
            return new Inputs(examples.length, width);
        }

        /** Fails: the targets are the features, which only a minibatch holds. */
        @Override
        public float[] matrix() {
            throw new IllegalStateException("reconstruction targets are the features; read them from the minibatch");
        }

        @Override
        public Labels empty() {
            return new Inputs(0, width);
        }

        @Override
        public Labels join(List<Labels> parts) {
            return new Inputs(parts.stream().mapToInt(part -> Labels.same(this, part).size()).sum(), width);
        }
    }

    /** Checks that sequences of {@code theirs} steps may join ones of {@code steps}. */
    /** The rows {@code examples} of {@code values}, {@code each} values a row, in that order. */
    private static float[] rows(float[] values, int each, int[] examples) {
        float[] picked = new float[Math.multiplyExact(examples.length, each)];
        for (int i = 0; i < examples.length; i++) {
            System.arraycopy(values, examples[i] * each, picked, i * each, each);
        }
        return picked;
    }

    /** The arrays one after another. */
    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static void sameSteps(int theirs, int steps) {
        if (theirs != steps) {
            throw new IllegalArgumentException("cannot join sequences of " + theirs + " and " + steps + " steps");
        }
    }

    /** {@code part}, checked to be of the kind and width of {@code onto}. */
    private static Labels same(Labels onto, Labels part) {
        if (part.getClass() != onto.getClass() || part.width() != onto.width()) {
            throw new IllegalArgumentException("cannot join " + part + " onto " + onto);
        }
        return part;
    }
}
