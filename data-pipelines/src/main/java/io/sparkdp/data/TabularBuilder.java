package io.sparkdp.data;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Gathers one partition's records into a {@link RawBlock}, refusing values that are not finite,
 * rows of another width, and more records than one block may hold.
 */
final class TabularBuilder {
    private final int featureSize;
    private final LabelDictionary labels = new LabelDictionary();
    private float[] values;
    private int[] codes = new int[256];
    private int records;
    private int inRecord;
    private String firstRecord = "";

    /** @param featureSize values per record */
    TabularBuilder(int featureSize) {
        this.featureSize = featureSize;
        this.values = new float[Math.max(featureSize, 1) * 256];
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
        if (inRecord != featureSize) {
            throw new BadDataException(where.get() + ": " + inRecord + " features, but the records have " + featureSize);
        }
        if (records == codes.length) {
            codes = Arrays.copyOf(codes, codes.length * 2);
        }
        if (records == 0) {
            firstRecord = note.get();
        }
        codes[records++] = labels.code(label, note);
        inRecord = 0;
    }

    RawBlock build() {
        return new RawBlock(featureSize, Arrays.copyOf(values, records * featureSize), Arrays.copyOf(codes, records), labels,
                firstRecord);
    }
}
