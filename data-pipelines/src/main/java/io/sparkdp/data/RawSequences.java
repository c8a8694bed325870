package io.sparkdp.data;

import java.io.Serializable;

/**
 * The sequences of one {@code csvseq:} partition as read, before the classes and the padded
 * length are known: each sequence's rows one after another, step-major as the files hold them.
 *
 * @param features    values per time step; 0 for a partition without sequences
 * @param values      every sequence's {@code length * features} values, one sequence after another
 * @param lengths     each sequence's time steps, at least 1
 * @param codes       each sequence's local label code into {@code dictionary}
 * @param dictionary  the partition's distinct labels
 * @param firstRecord the partition's first features file; empty when it has none
 * @param longest     the partition's longest features file; empty when it has none
 */
record RawSequences(int features, float[] values, int[] lengths, int[] codes, LabelDictionary dictionary,
                    String firstRecord, String longest) implements Serializable {
    /** What the driver needs of a partition to settle the schema: everything but the values. */
    record Summary(int features, int sequences, int maxLength, LabelDictionary labels, String firstRecord, String longest)
            implements Serializable {
    }

    Summary summary() {
        int max = 0;
        for (int length : lengths) {
            max = Math.max(max, length);
        }
        return new Summary(features, lengths.length, max, dictionary, firstRecord, longest);
    }

    /**
     * The sequences as examples of {@code partition}: padded at the end to {@code steps} steps,
     * feature-major ({@code [feature][step]}), class codes mapped through {@code remap}.
     */
    SourceBlock toSource(int partition, int schemaFeatures, int steps, int numClasses, int[] remap) {
        int n = lengths.length;
        float[] padded = new float[Math.multiplyExact(n, schemaFeatures * steps)];
        int[] classes = new int[n];
        int from = 0;
        for (int i = 0; i < n; i++) {
            int base = i * schemaFeatures * steps;
            for (int t = 0; t < lengths[i]; t++) {
                for (int f = 0; f < schemaFeatures; f++) {
                    padded[base + f * steps + t] = values[from + t * schemaFeatures + f];
                }
            }
            from += lengths[i] * schemaFeatures;
            classes[i] = remap[codes[i]];
        }
        Labels labels = new Labels.Classes(classes, numClasses);
        Steps real = new Steps(lengths, steps);
        return new SourceBlock(ExampleBlock.ofSequences(partition, schemaFeatures * steps, padded, labels, real),
                BadRecords.none());
    }
}
