package io.sparkdp.driver.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.common.primitives.Triple;
import org.nd4j.linalg.api.buffer.BaseDataBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads an array in ND4J's binary format ({@code Nd4j.write}), as a model zip's
 * {@code coefficients.bin} holds the parameters: the shape-information buffer, then the data
 * buffer, each a header (allocation mode, length, data type) and its values, big-endian.
 * {@code Nd4j.read} stores the values one at a time through an indexer, which took two thirds of
 * the time of loading an MLP's zip before scoring (profiled); this copies a float or double
 * array of {@code 'c'} order, or a vector, in one bulk conversion and leaves every other case
 * (older allocation modes, other types, {@code 'f'} order) to {@code Nd4j.read}.
 */
final class Nd4jArrayFormat {
    private Nd4jArrayFormat() {
    }

    /** The array {@code bytes} holds; equal in shape, type and values to {@code Nd4j.read}'s. */
    static INDArray read(byte[] bytes) throws IOException {
        Optional<INDArray> bulk = readBulk(bytes);
        if (bulk.isPresent()) {
            return bulk.get();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }

    private static Optional<INDArray> readBulk(byte[] bytes) throws IOException {
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(stream);
        Triple<DataBuffer.AllocationMode, Long, DataType> shapeHeader = BaseDataBuffer.readHeader(in);
        if (!current(shapeHeader.getFirst()) || shapeHeader.getRight() != DataType.LONG || shapeHeader.getMiddle() > 64) {
            return Optional.empty();
        }
        long[] info = new long[shapeHeader.getMiddle().intValue()];
        for (int i = 0; i < info.length; i++) {
            info[i] = in.readLong();
        }
        int rank = info.length > 0 ? (int) info[0] : -1;
        if (rank < 1 || info.length != 2 * rank + 4) {
            return Optional.empty();
        }
        long[] shape = Arrays.copyOfRange(info, 1, 1 + rank);
        long[] strides = Arrays.copyOfRange(info, 1 + rank, 1 + 2 * rank);
        Triple<DataBuffer.AllocationMode, Long, DataType> dataHeader = BaseDataBuffer.readHeader(in);
        DataType type = dataHeader.getRight();
        long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int size = type == DataType.FLOAT ? Float.BYTES : type == DataType.DOUBLE ? Double.BYTES : 0;
        if (!current(dataHeader.getFirst()) || size == 0 || dataHeader.getMiddle() != length
                || length > Integer.MAX_VALUE / size || stream.available() < length * size
                || !rowMajor(shape, strides, (char) info[info.length - 1])) {
            return Optional.empty();
        }
        ByteBuffer values = ByteBuffer.wrap(bytes, bytes.length - stream.available(), (int) length * size)
                .order(ByteOrder.BIG_ENDIAN);
        if (type == DataType.FLOAT) {
            float[] floats = new float[(int) length];
            values.asFloatBuffer().get(floats);
            return Optional.of(Nd4j.create(floats, shape, 'c'));
        }
        double[] doubles = new double[(int) length];
        values.asDoubleBuffer().get(doubles);
        return Optional.of(Nd4j.create(doubles, shape, 'c'));
    }

    /** Allocation modes whose buffers hold their own type's values, stored as written (not the legacy, converted ones). */
    private static boolean current(DataBuffer.AllocationMode mode) {
        return mode == DataBuffer.AllocationMode.MIXED_DATA_TYPES || mode == DataBuffer.AllocationMode.LONG_SHAPE;
    }

    /** Whether values stored in buffer order are the array's row-major order: a vector, or {@code 'c'} with dense strides. */
    private static boolean rowMajor(long[] shape, long[] strides, char order) {
        if (Arrays.stream(shape).filter(d -> d != 1).count() <= 1) {
            return true;
        }
        if (order != 'c') {
            return false;
        }
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }
}
