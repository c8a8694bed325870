package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FlatVectorTest {

    /** Writes and reads back an object with plain Java serialization, as Spark's default serializer does. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aFloatVectorComesBackAsTheSameFloatRow() {
        INDArray original = Nd4j.createFromArray(new float[]{1.5f, -2.25f, 3e-7f, 4e7f, 0f});

        INDArray restored = FlatVector.of(original).toArray();

        assertEquals(DataType.FLOAT, restored.dataType());
        assertArrayEquals(new long[]{1, 5}, restored.shape());
        assertArrayEquals(original.toFloatVector(), restored.toFloatVector());
    }

    @Test
    void aDoubleVectorKeepsItsPrecision() {
        double[] values = {Math.PI, -Math.E, 1e-300, 1.0 + 1e-15};
        INDArray original = Nd4j.createFromArray(values);

        INDArray restored = FlatVector.of(original).toArray();

        assertEquals(DataType.DOUBLE, restored.dataType());
        assertArrayEquals(new long[]{1, 4}, restored.shape());
        assertArrayEquals(values, restored.toDoubleVector());
    }

    @Test
    void aMatrixIsFlattenedInRowMajorOrder() {
        INDArray matrix = Nd4j.createFromArray(new float[][]{{1, 2, 3}, {4, 5, 6}});

        FlatVector vector = FlatVector.of(matrix);

        assertEquals(6, vector.length());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, vector.toArray().toFloatVector());
    }

    @Test
    void ofCopiesItsArgument() {
        INDArray original = Nd4j.createFromArray(new double[]{1, 2, 3});
        FlatVector vector = FlatVector.of(original);

        original.addi(10);

        assertArrayEquals(new double[]{1, 2, 3}, vector.toArray().toDoubleVector());
    }

    @Test
    void halfPrecisionTravelsAsFloat() {
        INDArray half = Nd4j.createFromArray(new float[]{0.5f, -2f}).castTo(DataType.HALF);

        INDArray restored = FlatVector.of(half).toArray();

        assertEquals(DataType.FLOAT, restored.dataType());
        assertArrayEquals(new float[]{0.5f, -2f}, restored.toFloatVector());
    }

    @Test
    void bothPrecisionsSurviveJavaSerialization() throws Exception {
        INDArray floats = Nd4j.rand(DataType.FLOAT, 1, 1000);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 1, 1000);

        INDArray floatsBack = roundTrip(FlatVector.of(floats)).toArray();
        INDArray doublesBack = roundTrip(FlatVector.of(doubles)).toArray();

        assertEquals(DataType.FLOAT, floatsBack.dataType());
        assertArrayEquals(floats.toFloatVector(), floatsBack.toFloatVector());
        assertEquals(DataType.DOUBLE, doublesBack.dataType());
        assertArrayEquals(doubles.toDoubleVector(), doublesBack.toDoubleVector());
        assertEquals(1000, roundTrip(FlatVector.of(doubles)).length());
    }
}
