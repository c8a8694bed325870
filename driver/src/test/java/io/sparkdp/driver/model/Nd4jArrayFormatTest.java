package io.sparkdp.driver.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bulk reader of ND4J's array format agrees with {@code Nd4j.read} on every kind of array it may meet. */
class Nd4jArrayFormatTest {
    private static byte[] written(INDArray array) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        }
        return bytes.toByteArray();
    }

    private static void assertReadsLikeNd4j(INDArray array) throws IOException {
        byte[] bytes = written(array);
        INDArray expected = Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        INDArray actual = Nd4jArrayFormat.read(bytes);
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(values(expected), values(actual), "NaN and -0 included");
        assertArrayEquals(values(array.castTo(expected.dataType())), values(actual), "the values written");
    }

    /** The values in row-major order, compared bit for bit by assertArrayEquals. */
    private static double[] values(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    @Test
    void readsParameterVectorsAndMatricesOfEitherFloatTypeAsNd4jDoes() throws IOException {
        Nd4j.getRandom().setSeed(7);
        assertReadsLikeNd4j(Nd4j.rand(DataType.FLOAT, 1, 1_000)); // a flat parameter vector
        assertReadsLikeNd4j(Nd4j.rand(DataType.FLOAT, 1_000, 1));
        assertReadsLikeNd4j(Nd4j.rand(DataType.DOUBLE, 1, 257));
        assertReadsLikeNd4j(Nd4j.rand(DataType.FLOAT, 3, 4, 5));
        assertReadsLikeNd4j(Nd4j.createFromArray(new float[]{Float.NaN, -0f, Float.MAX_VALUE, Float.MIN_VALUE}));
    }

    @Test
    void leavesOtherOrdersAndTypesToNd4j() throws IOException {
        assertReadsLikeNd4j(Nd4j.rand(DataType.FLOAT, 'f', 3, 4)); // column-major: values not in row order
        assertReadsLikeNd4j(Nd4j.rand(DataType.DOUBLE, 6, 5).transpose()); // a view, written duplicated
        assertReadsLikeNd4j(Nd4j.createFromArray(1, 2, 3, 4).reshape(2, 2)); // int
        assertReadsLikeNd4j(Nd4j.rand(DataType.HALF, 2, 3));
    }
}
