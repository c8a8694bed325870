package io.sparkdp.worker;

import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat parameter or gradient vector in a plain Java array, as it crosses the wire: Java
 * serialization writes primitive arrays in bulk, where ND4J's own serialization writes element
 * by element.
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
        INDArray flat = array.reshape(array.length());
        return array.dataType() == DataType.DOUBLE
                ? new FlatVector(null, flat.toDoubleVector())
                : new FlatVector(flat.toFloatVector(), null);
    }

    public long length() {
        return floats != null ? floats.length : doubles.length;
    }

    /** A new row vector holding these values. */
    public INDArray toArray() {
        INDArray array = floats != null ? Nd4j.createFromArray(floats) : Nd4j.createFromArray(doubles);
        return array.reshape(1, array.length());
    }
}
