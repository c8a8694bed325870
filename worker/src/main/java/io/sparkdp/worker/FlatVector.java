package io.sparkdp.worker;

import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flat parameter or gradient vector in a plain Java array, as it crosses the wire: Java
 * serialization writes primitive arrays in bulk, where ND4J's own serialization writes element
 * by element. Conversions to and from ND4J go through {@link NativeArrays}' bulk copies.
 */
public final class FlatVector implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] floats;
    private final double[] doubles;

    private FlatVector(float[] floats, double[] doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** A copy of {@code array}, kept in its own precision (double stays double, anything else is float). */
    public static FlatVector of(INDArray array) {
        return array.dataType() == DataType.DOUBLE
                ? new FlatVector(null, NativeArrays.doubles(array))
                : new FlatVector(NativeArrays.floats(array), null);
    }

    /** A vector of no elements, standing for "no state". */
    public static FlatVector empty() {
        return new FlatVector(new float[0], null);
    }

    public long length() {
        return floats != null ? floats.length : doubles.length;
    }

    /** A new row vector holding these values. */
    public INDArray toArray() {
        return floats != null ? NativeArrays.create(floats, 1, floats.length) : NativeArrays.create(doubles, 1, doubles.length);
    }

    /** Overwrites {@code target} (of the same length, any shape) with these values, without an intermediate array. */
    public void copyInto(INDArray target) {
        if (floats != null) {
            NativeArrays.copyInto(floats, target);
        } else {
            NativeArrays.copyInto(doubles, target);
        }
    }
}
