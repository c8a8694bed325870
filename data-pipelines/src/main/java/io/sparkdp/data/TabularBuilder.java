package io.sparkdp.data;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Gathers one partition's records into a {@link RawBlock}, refusing values and regression
 * targets that are not finite, rows of another width, and more records than one block may hold.
 */
final class TabularBuilder {
    private final int featureSize;
    /** Regression targets per record; 0 for class labels. */
    private final int targetWidth;
    private final LabelDictionary labels = new LabelDictionary();
    private float[] values;
    private int[] codes = new int[256];
    private float[] targets;
    private int records;
    private int inRecord;
    private String firstRecord = "";

    /** A builder of class-labelled records of {@code featureSize} values. */
    TabularBuilder(int featureSize) {
        this(featureSize, 0);
    }

    /**
     * @param featureSize values per record
     * @param targetWidth regression targets per record; 0 for class labels
     */
    TabularBuilder(int featureSize, int targetWidth) {
        this.featureSize = featureSize;
        this.targetWidth = targetWidth;
        this.values = new float[Math.max(featureSize, 1) * 256];
        this.targets = new float[targetWidth * 256];
    }

    int featureSize() {
        return featureSize;
    }

    /** One feature value of the record being read; {@code column} is its column, as messages name it. */
    void value(float value, int column, Supplier<String> where) {
        if (!Float.isFinite(value)) {
            throw new BadDataException(where.get() + ": column " + column + " is " + value + "; features must be finite numbers");
        }
        int at = records * featureSize + inRecord;
        if (at >= values.length) {
            long grown = Math.max(values.length * 2L, at + 1L);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new BadDataException(where.get() + ": more than " + (Integer.MAX_VALUE / 2) + " values in one input part");
            }
            values = Arrays.copyOf(values, (int) grown);
        }
        values[at] = value;
        inRecord++;
    }

    /**
     * Ends the record being read, whose label is {@code label}.
     *
     * @param where the record, as a failure here names it
     * @param note  the record, as later messages name it (the first record, a label's first one): cheap to compute
     */
    void endRecord(String label, Supplier<String> where, Supplier<String> note) {
        if (targetWidth > 0) {
            throw new IllegalStateException("a regression record ends with its targets");
        }
        checkWidth(where, note);
        if (records == codes.length) {
            codes = Arrays.copyOf(codes, codes.length * 2);
        }
        codes[records++] = labels.code(label, note);
        inRecord = 0;
    }

    /**
     * Ends the regression record being read, whose targets are {@code values}.
     *
     * @param names each target as a message names it (its column)
     * @throws BadDataException naming the record and target of a NaN or infinite value
     */
    void endRecord(float[] values, String[] names, Supplier<String> where, Supplier<String> note) {
        if (values.length != targetWidth) {
            throw new IllegalStateException(values.length + " targets, expected " + targetWidth);
        }
        for (int t = 0; t < values.length; t++) {
            if (!Float.isFinite(values[t])) {
                throw new BadDataException(where.get() + ": target " + names[t] + " is " + values[t]
                        + "; regression targets must be finite numbers");
            }
        }
        checkWidth(where, note);
        if ((records + 1) * targetWidth > targets.length) {
            targets = Arrays.copyOf(targets, targets.length * 2);
        }
        System.arraycopy(values, 0, targets, records * targetWidth, targetWidth);
        records++;
        inRecord = 0;
    }

    private void checkWidth(Supplier<String> where, Supplier<String> note) {
        if (inRecord != featureSize) {
            throw new BadDataException(where.get() + ": " + inRecord + " features, but the records have " + featureSize);
        }
        if (records == 0) {
            firstRecord = note.get();
        }
    }

    RawBlock build() {
        Labels read = targetWidth > 0 ? new Labels.Targets(Arrays.copyOf(targets, records * targetWidth), targetWidth)
                : new Labels.Classes(Arrays.copyOf(codes, records), labels.names().size());
        return new RawBlock(featureSize, Arrays.copyOf(values, records * featureSize), read, labels, firstRecord);
    }
}
