package io.sparkdp.data;

import java.io.Serializable;
import java.util.List;

/**
 * One partition of tabular records as read, before the classes are known: the feature values,
 * row-major, and each record's label: for classification a local code into the partition's
 * {@link LabelDictionary}, for regression its targets.
 *
 * @param featureSize values per record; 0 for a partition without records
 * @param values      {@code labels.size() * featureSize} finite values
 * @param labels      each record's local label code (classes of the dictionary's size), or its targets
 * @param dictionary  the partition's distinct class labels; empty for regression
 * @param firstRecord where the partition's first record is, as an error names it; empty when it has none
 * @param runs        the records' runs of files, where the partition's order is not the files' ({@link SourceBlock#runs})
 */
public record RawBlock(int featureSize, float[] values, Labels labels, LabelDictionary dictionary, String firstRecord,
                       List<SourceRun> runs) implements Serializable {
    public RawBlock {
        if (values.length != (long) labels.size() * featureSize) {
            throw new IllegalArgumentException(values.length + " values for " + labels.size() + " records of " + featureSize);
        }
        runs = List.copyOf(runs);
    }

    /** A partition in file order. */
    public RawBlock(int featureSize, float[] values, Labels labels, LabelDictionary dictionary, String firstRecord) {
        this(featureSize, values, labels, dictionary, firstRecord, List.of());
    }

    /** The same records, read as the runs {@code fileRuns}. */
    public RawBlock withRuns(List<SourceRun> fileRuns) {
        return new RawBlock(featureSize, values, labels, dictionary, firstRecord, fileRuns);
    }

    /** What the driver needs of a partition to settle the schema: everything but the records. */
    public record Summary(int featureSize, int records, LabelDictionary labels, String firstRecord) implements Serializable {
    }

    public Summary summary() {
        return new Summary(featureSize, labels.size(), dictionary, firstRecord);
    }

    /** The records as examples of partition {@code partition}, class codes mapped through {@code remap}. */
    public SourceBlock toSource(int partition, int schemaFeatures, int numClasses, int[] remap) {
        int[] codes = ((Labels.Classes) labels).indices();
        int[] classes = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            classes[i] = remap[codes[i]];
        }
        return toSource(partition, schemaFeatures, new Labels.Classes(classes, numClasses));
    }

    /** The records as examples of partition {@code partition}, with their {@code targets} regression targets each. */
    public SourceBlock toSource(int partition, int schemaFeatures, int targets) {
        // A partition without records was read without knowing the task.
        return toSource(partition, schemaFeatures, labels.size() == 0 ? new Labels.Targets(new float[0], targets) : labels);
    }

    private SourceBlock toSource(int partition, int schemaFeatures, Labels kept) {
        float[] features = kept.size() == 0 ? new float[0] : values;
        return new SourceBlock(ExampleBlock.ofValues(partition, schemaFeatures, features, kept), BadRecords.none(), runs);
    }
}
