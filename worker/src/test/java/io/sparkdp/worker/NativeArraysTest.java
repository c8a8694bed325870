package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The bulk copies agree with ND4J's own element-wise conversions, on every layout they meet. */
class NativeArraysTest {
    @Test
    void wholeBuffersTakeTheBulkPathAndAgreeWithNd4j() {
        INDArray c = Nd4j.rand(DataType.FLOAT, 3, 5);
        INDArray f = c.dup('f');
        assertTrue(NativeArrays.isWholeBuffer(c));
        assertFalse(NativeArrays.isWholeBuffer(f), "a c-order read of an f-order matrix is not its memory order");
        assertArrayEquals(c.reshape(15).toFloatVector(), NativeArrays.floats(c));
        assertArrayEquals(c.reshape(15).toFloatVector(), NativeArrays.floats(f), "same elements, read in row-major order");
        INDArray d = Nd4j.rand(DataType.DOUBLE, 1, 7).dup('f');
        assertTrue(NativeArrays.isWholeBuffer(d), "an f-order row vector is contiguous");
        assertArrayEquals(d.toDoubleVector(), NativeArrays.doubles(d));
    }

    @Test
    void viewsFallBackToNd4jAndStillAgree() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray view = base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5));
        assertFalse(NativeArrays.isWholeBuffer(view));
        assertArrayEquals(view.dup('c').reshape(6).toFloatVector(), NativeArrays.floats(view));
        float[] values = {1, 2, 3, 4, 5, 6};
        NativeArrays.copyInto(values, view);
        assertArrayEquals(values, NativeArrays.floats(view));
        assertEquals(4f, base.getFloat(2, 2), 0f, "the view wrote through to its base");
        assertEquals(0f, base.sub(base).sumNumber().floatValue());
    }

    @Test
    void createAndCopyIntoRoundTrip() {
        float[] values = new float[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3;
        }
        INDArray made = NativeArrays.create(values, 3, 4);
        assertEquals(Nd4j.create(values, new long[]{3, 4}, DataType.FLOAT), made);
        INDArray target = Nd4j.zeros(DataType.FLOAT, 1, 12).dup('f');
        NativeArrays.copyInto(values, target);
        assertArrayEquals(values, target.toFloatVector());
        double[] doubles = {1.5, -2.25, 3};
        assertArrayEquals(doubles, NativeArrays.create(doubles, 3).toDoubleVector());
    }

    @Test
    void aNetworksParametersAndGradientsAreCopiedExactly() {
        MultiLayerNetwork network = ModelZoo.build("mlp", ModelRequest.of(new InputShape(1, 4, 4), 3, 1L, OptimizerConfig.defaults()));
        INDArray params = network.params();
        assertArrayEquals(params.toFloatVector(), NativeArrays.floats(params));
        float[] replaced = params.mul(2).toFloatVector();
        NativeArrays.copyInto(replaced, params);
        assertArrayEquals(replaced, network.params().toFloatVector());
        // the network really uses the copied values: its layer views see them
        assertEquals(replaced[0], network.getLayer(0).getParam("W").getFloat(0), 0f);
    }

    @Test
    void bytesCopyBackExactlyInEitherByteOrder() {
        INDArray floats = Nd4j.rand(DataType.FLOAT, 3, 5);
        byte[] bytes = NativeArrays.bytes(floats, DataType.FLOAT);
        assertEquals(15 * Float.BYTES, bytes.length);
        INDArray back = Nd4j.create(DataType.FLOAT, 15);
        NativeArrays.copyInto(bytes, java.nio.ByteOrder.nativeOrder(), DataType.FLOAT, back);
        assertArrayEquals(floats.reshape(15).toFloatVector(), back.toFloatVector());

        double[] values = {Math.PI, -1e-300, 7};
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocate(values.length * Double.BYTES).order(java.nio.ByteOrder.BIG_ENDIAN);
        big.asDoubleBuffer().put(values);
        INDArray fromBig = Nd4j.create(DataType.DOUBLE, 1, 3);
        NativeArrays.copyInto(big.array(), java.nio.ByteOrder.BIG_ENDIAN, DataType.DOUBLE, fromBig);
        assertArrayEquals(values, fromBig.toDoubleVector(), "bytes of another machine's order are converted");
    }
}
