package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ModelRequestTest {
    private static final InputShape SHAPE = new InputShape(3, 4, 5);

    @Test
    void theShapeFlattensToChannelsTimesHeightTimesWidth() {
        assertEquals(60, SHAPE.size());
        assertEquals("3x4x5", SHAPE.toString());
    }

    @Test
    void aShapeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new InputShape(0, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> new InputShape(1, -1, 28));
        assertThrows(IllegalArgumentException.class, () -> new InputShape(1, 28, 0));
    }

    @Test
    void ofMeansFloat() {
        assertEquals(DataType.FLOAT, ModelRequest.of(SHAPE, 2, 1, OptimizerConfig.defaults()).dataType());
    }

    @Test
    void aRequestNeedsTwoClassesAFloatingTypeAndEveryPart() {
        OptimizerConfig adam = OptimizerConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> ModelRequest.of(SHAPE, 1, 1, adam));
        assertThrows(IllegalArgumentException.class, () -> new ModelRequest(SHAPE, 2, 1, adam, DataType.INT));
        assertThrows(IllegalArgumentException.class, () -> new ModelRequest(null, 2, 1, adam, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> new ModelRequest(SHAPE, 2, 1, null, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> new ModelRequest(SHAPE, 2, 1, adam, null));
    }
}
