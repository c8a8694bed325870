package io.sparkdp.data;

import java.io.Serializable;

/**
 * The sequences of one {@code csvseq:} partition as read, before the classes and the padded
 * length are known: each sequence's rows one after another, step-major as the files hold them.
 *
 * @param features    values per time step; 0 for a partition without sequences
 * @param values      every sequence's {@code length * features} values, one sequence after another
 * @param lengths     each sequence's time steps, at least 1
 * @param codes       local label codes into {@code dictionary}: one per sequence, or with
 *                    {@code stepLabels} one per time step, sequence after sequence; empty for regression
 * @param targets     regression: rows of real-valued targets, one per sequence or per time step as
 *                    {@code codes} would be; none for classes
 * @param stepLabels  whether the labels are per time step; false also where every sequence is one step long
 * @param tokens      target sequences (sequence to sequence): each sequence's target length, its
 *                    {@code codes} one after another; none otherwise
 * @param dictionary  the partition's distinct labels
 * @param firstRecord the partition's first features file; empty when it has none
 * @param longest     the partition's longest features file; empty when it has none
 */
record RawSequences(int features, float[] values, int[] lengths, int[] codes, Targets targets, boolean stepLabels,
                    TokenSequences tokens, LabelDictionary dictionary, String firstRecord, String longest)
        implements Serializable {
    /**
     * Target sequences as read.
     *
     * @param lengths each sequence's target tokens, at least 1; empty where labels are not target sequences
     * @param longest the features file whose target is the longest; empty when there is none
     */
    record TokenSequences(int[] lengths, String longest) implements Serializable {
        int max() {
            return java.util.Arrays.stream(lengths).max().orElse(0);
        }
    }

    /**
     * Regression targets as read.
     *
     * @param values rows of {@code width} values, one after another
     * @param width  targets per row; 0 where there are none (classes, or no sequences)
     * @param first  where the first row was read, for messages; empty when none was
     */
    record Targets(float[] values, int width, String first) implements Serializable {
    }

    /** What the driver needs of a partition to settle the schema: everything but the values. */
    record Summary(int features, int sequences, int maxLength, boolean stepLabels, LabelDictionary labels,
                   int targetWidth, String firstTarget, String firstRecord, String longest, int maxTarget,
                   String longestTarget) implements Serializable {
    }

    Summary summary() {
        int max = 0;
        for (int length : lengths) {
            max = Math.max(max, length);
        }
        return new Summary(features, lengths.length, max, stepLabels, dictionary, targets.width(), targets.first(),
                firstRecord, longest, tokens.max(), tokens.longest());
    }

    /**
     * The sequences as examples of {@code partition}: padded at the end to {@code steps} steps,
     * feature-major ({@code [feature][step]}), class codes mapped through {@code remap}; with
     * {@code perStep} a class for every step, {@link Labels.StepClasses#PADDING} after the end.
     */
    SourceBlock toSource(int partition, int schemaFeatures, int steps, boolean perStep, int numClasses, int[] remap) {
        return new SourceBlock(ExampleBlock.ofSequences(partition, schemaFeatures * steps, padded(schemaFeatures, steps),
                classes(steps, perStep, numClasses, remap), new Steps(lengths, steps)), BadRecords.none());
    }

    /**
     * The sequences as examples of {@code partition} as by {@link #toSource}, each labelled with its
     * target sequence: its tokens mapped through {@code remap}, then {@code end} (the end of
     * sequence, the last of the {@code numClasses} classes), then {@link Labels.StepClasses#PADDING}
     * to {@code labelSteps}.
     */
    SourceBlock toTargetSource(int partition, int schemaFeatures, int steps, int labelSteps, int numClasses, int[] remap) {
        int n = lengths.length;
        int[] classes = new int[Math.multiplyExact(n, labelSteps)];
        java.util.Arrays.fill(classes, Labels.StepClasses.PADDING);
        int from = 0;
        for (int i = 0; i < n; i++) {
            int length = tokens.lengths()[i];
            for (int t = 0; t < length; t++) {
                classes[i * labelSteps + t] = remap[codes[from + t]];
            }
            classes[i * labelSteps + length] = numClasses - 1;
            from += length;
        }
        return new SourceBlock(ExampleBlock.ofSequences(partition, schemaFeatures * steps, padded(schemaFeatures, steps),
                new Labels.StepClasses(classes, numClasses, labelSteps), new Steps(lengths, steps)), BadRecords.none());
    }

    /**
     * The sequences as examples of regression {@code width} targets, padded as by {@link #toSource}:
     * one row of targets per sequence, or with {@code perStep} one per step, 0 after the end.
     */
    SourceBlock toRegressionSource(int partition, int schemaFeatures, int steps, boolean perStep, int width) {
        return new SourceBlock(ExampleBlock.ofSequences(partition, schemaFeatures * steps, padded(schemaFeatures, steps),
                targets(steps, perStep, width), new Steps(lengths, steps)), BadRecords.none());
    }

    /** The values padded at the end to {@code steps} steps, feature-major ({@code [feature][step]}). */
    private float[] padded(int schemaFeatures, int steps) {
        int n = lengths.length;
        float[] padded = new float[Math.multiplyExact(n, schemaFeatures * steps)];
        int from = 0;
        for (int i = 0; i < n; i++) {
            int base = i * schemaFeatures * steps;
            for (int t = 0; t < lengths[i]; t++) {
                for (int f = 0; f < schemaFeatures; f++) {
                    padded[base + f * steps + t] = values[from * schemaFeatures + t * schemaFeatures + f];
                }
            }
            from += lengths[i];
        }
        return padded;
    }

    private Labels targets(int steps, boolean perStep, int width) {
        int n = lengths.length;
        if (!perStep) {
            return new Labels.Targets(n == 0 ? new float[0] : targets.values(), width);
        }
        float[] out = new float[Math.multiplyExact(n, width * steps)];
        int from = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                // A partition of one-step sequences only has one row per sequence, which is its step's.
                int row = stepLabels ? from + t : i;
                for (int k = 0; k < width; k++) {
                    out[(i * width + k) * steps + t] = targets.values()[row * width + k];
                }
            }
            from += lengths[i];
        }
        return new Labels.StepTargets(out, width, steps);
    }

    private Labels classes(int steps, boolean perStep, int numClasses, int[] remap) {
        int n = lengths.length;
        int[] classes = new int[perStep ? Math.multiplyExact(n, steps) : n];
        java.util.Arrays.fill(classes, Labels.StepClasses.PADDING);
        int from = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < lengths[i] && perStep; t++) {
                // A partition of one-step sequences only has one code per sequence, which is its step's.
                classes[i * steps + t] = remap[codes[stepLabels ? from + t : i]];
            }
            if (!perStep) {
                classes[i] = remap[codes[i]];
            }
            from += lengths[i];
        }
        return perStep ? new Labels.StepClasses(classes, numClasses, steps) : new Labels.Classes(classes, numClasses);
    }
}
