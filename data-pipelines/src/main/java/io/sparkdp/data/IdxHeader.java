package io.sparkdp.data;

import java.util.Arrays;

/**
 * The header of an IDX file (the MNIST family's format): element type and dimensions. The
 * first dimension counts records; the others give each record's shape.
 *
 * @param typeCode element type byte; sparkdp reads only {@link #UNSIGNED_BYTE}
 * @param dims     dimensions, the first being the record count
 */
public record IdxHeader(int typeCode, int[] dims) {
    public static final int UNSIGNED_BYTE = 0x08;

    /** Number of records. */
    public int count() {
        return dims[0];
    }

    /** Bytes (elements) per record. */
    public int recordSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size = Math.multiplyExact(size, dims[i]);
        }
        return size;
    }

    /** Bytes of header before the first record. */
    public int length() {
        return 4 + 4 * dims.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxHeader h && h.typeCode == typeCode && Arrays.equals(h.dims, dims);
    }

    @Override
    public int hashCode() {
        return 31 * typeCode + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "IdxHeader[type=0x" + Integer.toHexString(typeCode) + ", dims=" + Arrays.toString(dims) + "]";
    }
}
