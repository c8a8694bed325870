package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinibatchTest {

    @Test
    void oneHotLabelsHaveOneOnePerRow() {
        Minibatch batch = new Minibatch(new float[6], new int[] {2, 0, 1}, 2, 3);
        assertEquals(3, batch.size());
        assertArrayEquals(new float[] {
            0, 0, 1,
            1, 0, 0,
            0, 1, 0,
        }, batch.oneHotLabels());
    }

    @Test
    void oneHotOfAnEmptyBatchIsEmpty() {
        assertEquals(0, new Minibatch(new float[0], new int[0], 4, 10).oneHotLabels().length);
    }

    @Test
    void mismatchedSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Minibatch(new float[5], new int[] {0, 1}, 3, 2));
        IdxFiles.assertOneLine(e, "5 values", "2 x 3");
        assertThrows(IllegalArgumentException.class, () -> new Minibatch(new float[7], new int[] {0, 1}, 3, 2));
    }

    @Test
    void labelsOutsideTheClassesAreRejected() {
        // Unchecked, label -1 in row 1 would set the last class of row 0 and label 3 in row 0 the first of row 1.
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> new Minibatch(new float[2], new int[] {3, 0}, 1, 3));
        IdxFiles.assertOneLine(high, "label 3", "example 0", "3 classes");
        assertThrows(IllegalArgumentException.class, () -> new Minibatch(new float[2], new int[] {0, -1}, 1, 3));
    }
}
