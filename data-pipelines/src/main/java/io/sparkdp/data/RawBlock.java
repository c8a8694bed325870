package io.sparkdp.data;

import java.io.Serializable;

/**
 * One partition of tabular records as read, before the classes are known: the feature values,
 * row-major, each record's local label code and the partition's labels.
 *
 * @param featureSize values per record; 0 for a partition without records
 * @param values      {@code codes.length * featureSize} finite values
 * @param codes       each record's code in {@code labels}
 * @param labels      the partition's distinct labels
 * @param firstRecord where the partition's first record is, as an error names it; empty when it has none
 */
public record RawBlock(int featureSize, float[] values, int[] codes, LabelDictionary labels, String firstRecord)
        implements Serializable {
    public RawBlock {
        if (values.length != (long) codes.length * featureSize) {
            throw new IllegalArgumentException(values.length + " values for " + codes.length + " records of " + featureSize);
        }
    }

    /** What the driver needs of a partition to settle the schema: everything but the records. */
    public record Summary(int featureSize, int records, LabelDictionary labels, String firstRecord) implements Serializable {
    }

    public Summary summary() {
        return new Summary(featureSize, codes.length, labels, firstRecord);
    }

    /** The records as examples of partition {@code partition}, labels mapped through {@code remap}. */
    public SourceBlock toSource(int partition, int schemaFeatures, int numClasses, int[] remap) {
        int[] classes = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            classes[i] = remap[codes[i]];
        }
        float[] kept = codes.length == 0 ? new float[0] : values;
        return new SourceBlock(ExampleBlock.ofValues(partition, schemaFeatures, numClasses, kept, classes), BadRecords.none());
    }
}
