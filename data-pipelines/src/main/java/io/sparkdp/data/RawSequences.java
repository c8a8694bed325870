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
 *                    {@code stepLabels} one per time step, sequence after sequence
 * @param stepLabels  whether the labels are per time step; false also where every sequence is one step long
 * @param dictionary  the partition's distinct labels
 * @param firstRecord the partition's first features file; empty when it has none
 * @param longest     the partition's longest features file; empty when it has none
 */
record RawSequences(int features, float[] values, int[] lengths, int[] codes, boolean stepLabels,
                    LabelDictionary dictionary, String firstRecord, String longest) implements Serializable {
    /** What the driver needs of a partition to settle the schema: everything but the values. */
    record Summary(int features, int sequences, int maxLength, boolean stepLabels, LabelDictionary labels,
                   String firstRecord, String longest) implements Serializable {
    }

    Summary summary() {
        int max = 0;
        for (int length : lengths) {
            max = Math.max(max, length);
        }
        return new Summary(features, lengths.length, max, stepLabels, dictionary, firstRecord, longest);
    }

    /**
     * The sequences as examples of {@code partition}: padded at the end to {@code steps} steps,
     * feature-major ({@code [feature][step]}), class codes mapped through {@code remap}; with
     * {@code perStep} a class for every step, {@link Labels.StepClasses#PADDING} after the end.
     */
    SourceBlock toSource(int partition, int schemaFeatures, int steps, boolean perStep, int numClasses, int[] remap) {
        int n = lengths.length;
        float[] padded = new float[Math.multiplyExact(n, schemaFeatures * steps)];
        int[] classes = new int[perStep ? Math.multiplyExact(n, steps) : n];
        java.util.Arrays.fill(classes, Labels.StepClasses.PADDING);
        int from = 0;
        for (int i = 0; i < n; i++) {
            int base = i * schemaFeatures * steps;
            for (int t = 0; t < lengths[i]; t++) {
                for (int f = 0; f < schemaFeatures; f++) {
                    padded[base + f * steps + t] = values[from * schemaFeatures + t * schemaFeatures + f];
                }
                if (perStep) {
                    // A partition of one-step sequences only has one code per sequence, which is its step's.
                    classes[i * steps + t] = remap[codes[stepLabels ? from + t : i]];
                }
            }
            if (!perStep) {
                classes[i] = remap[codes[i]];
            }
            from += lengths[i];
        }
        Labels labels = perStep ? new Labels.StepClasses(classes, numClasses, steps) : new Labels.Classes(classes, numClasses);
        Steps real = new Steps(lengths, steps);
        return new SourceBlock(ExampleBlock.ofSequences(partition, schemaFeatures * steps, padded, labels, real),
                BadRecords.none());
    }
}
