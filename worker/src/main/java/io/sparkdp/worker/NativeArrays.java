package io.sparkdp.worker;

import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java arrays and ND4J's off-heap buffers. ND4J's own conversions
 * ({@code Nd4j.create(float[])}, {@code toFloatVector()}) copy element by element through a
 * bounds-checked indexer, which profiling showed to be the largest Java cost of a round. These
 * copy through an NIO view of the buffer instead, whenever the array is a whole buffer whose
 * memory order is its element order; otherwise they fall back to ND4J's own path.
 */
public final class NativeArrays {
    private NativeArrays() {
    }

    /** The elements of {@code array} in row-major order, as floats. */
    public static float[] floats(INDArray array) {
        INDArray whole = asWholeBuffer(array, DataType.FLOAT);
        float[] out = new float[(int) whole.length()];
        nioFloats(whole.data()).get(out);
        return out;
    }

    /** The elements of {@code array} in row-major order, as doubles. */
    public static double[] doubles(INDArray array) {
        INDArray whole = asWholeBuffer(array, DataType.DOUBLE);
        double[] out = new double[(int) whole.length()];
        nioDoubles(whole.data()).get(out);
        return out;
    }

    /**
     * The elements of {@code array} in row-major order as {@code type} (FLOAT or DOUBLE), as the
     * bytes of this machine's byte order ({@link ByteOrder#nativeOrder()}): one bulk copy of the
     * buffer, with no conversion per element.
     */
    public static byte[] bytes(INDArray array, DataType type) {
        INDArray whole = asWholeBuffer(array, type);
        byte[] out = new byte[Math.toIntExact(whole.length() * type.width())];
        whole.data().asNio().get(out);
        return out;
    }

    /**
     * Overwrites {@code target}'s elements, in row-major order, with the values of type
     * {@code type} that {@code bytes} holds in byte order {@code order}: one bulk copy where the
     * target is a whole buffer of that type and the order is this machine's.
     */
    public static void copyInto(byte[] bytes, ByteOrder order, DataType type, INDArray target) {
        checkLength(bytes.length / type.width(), target);
        if (target.dataType() == type && isWholeBuffer(target) && order.equals(ByteOrder.nativeOrder())) {
            target.data().asNio().put(bytes);
        } else if (type == DataType.DOUBLE) {
            double[] values = new double[bytes.length / Double.BYTES];
            java.nio.ByteBuffer.wrap(bytes).order(order).asDoubleBuffer().get(values);
            copyInto(values, target);
        } else {
            float[] values = new float[bytes.length / Float.BYTES];
            java.nio.ByteBuffer.wrap(bytes).order(order).asFloatBuffer().get(values);
            copyInto(values, target);
        }
    }

    /** {@code array} itself if it is a whole buffer of that type, else a c-ordered copy that is. */
    private static INDArray asWholeBuffer(INDArray array, DataType type) {
        INDArray typed = array.dataType() == type ? array : array.castTo(type);
        return isWholeBuffer(typed) ? typed : typed.dup('c');
    }

    /** A new {@code c}-ordered array of that shape holding {@code values}. */
    public static INDArray create(float[] values, long... shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        copyInto(values, out);
        return out;
    }

    /** A new {@code c}-ordered array of that shape holding {@code values}. */
    public static INDArray create(double[] values, long... shape) {
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        copyInto(values, out);
        return out;
    }

    /** Overwrites {@code target}'s elements, in row-major order, with {@code values}. */
    public static void copyInto(float[] values, INDArray target) {
        checkLength(values.length, target);
        if (target.dataType() == DataType.FLOAT && isWholeBuffer(target)) {
            nioFloats(target.data()).put(values);
        } else {
            target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape('c', target.shape()));
        }
    }

    /** Overwrites {@code target}'s elements, in row-major order, with {@code values}. */
    public static void copyInto(double[] values, INDArray target) {
        checkLength(values.length, target);
        if (target.dataType() == DataType.DOUBLE && isWholeBuffer(target)) {
            nioDoubles(target.data()).put(values);
        } else {
            target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape('c', target.shape()));
        }
    }

    /**
     * Whether the array's elements, in row-major order, are exactly its buffer's memory: the
     * whole buffer from offset 0, and either c order or a vector (whose f order is the same).
     */
    static boolean isWholeBuffer(INDArray array) {
        DataBuffer data = array.data();
        return data.offset() == 0 && data.length() == array.length() && array.length() > 0
                && (array.ordering() == 'c' || array.isVectorOrScalar());
    }

    private static java.nio.FloatBuffer nioFloats(DataBuffer data) {
        return data.asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static java.nio.DoubleBuffer nioDoubles(DataBuffer data) {
        return data.asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private static void checkLength(long length, INDArray target) {
        if (length != target.length()) {
            throw new IllegalArgumentException(length + " values cannot fill an array of " + target.length());
        }
    }
}
