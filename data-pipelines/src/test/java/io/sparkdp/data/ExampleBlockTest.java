package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExampleBlockTest {
    /** Four examples of three pixels; example i's labels is 3 - i. */
    private static final ExampleBlock BLOCK = new ExampleBlock(2, 3, 4,
            new byte[] {0, (byte) 255, (byte) 128, 1, 2, 3, 10, 20, 30, (byte) 200, (byte) 254, 0},
            new byte[] {3, 2, 1, 0});

    @Test
    void accessors() {
        assertEquals(2, BLOCK.shard());
        assertEquals(4, BLOCK.size());
        assertEquals(3, BLOCK.featureSize());
        assertEquals(4, BLOCK.numClasses());
        assertEquals(3, BLOCK.label(0));
        assertEquals(0, BLOCK.label(3));
    }

    @Test
    void batchScalesPixelsToTheUnitInterval() {
        Minibatch batch = BLOCK.batch(new int[] {0, 1, 2, 3}, 0, 4);
        float[] f = batch.features();
        assertEquals(0f, f[0]);
        assertEquals(1.0f, f[1], "byte 255 must be exactly 1");
        assertEquals(128 / 255f, f[2], 1e-7f);
        assertEquals(254 / 255f, f[10], 1e-7f);
        for (float v : f) {
            assertTrue(v >= 0f && v <= 1f, "pixel " + v);
        }
    }

    @Test
    void everyByteValueScalesIntoTheUnitInterval() {
        byte[] pixels = new byte[256];
        for (int v = 0; v < 256; v++) {
            pixels[v] = (byte) v;
        }
        Minibatch batch = new ExampleBlock(0, 256, 2, pixels, new byte[] {1}).range(0, 1);
        for (int v = 0; v < 256; v++) {
            assertEquals(v / 255.0, batch.features()[v], 1e-6, "byte " + v);
            assertTrue(batch.features()[v] <= 1f);
        }
        assertEquals(1, batch.classes()[0]);
    }

    @Test
    void batchFollowsTheGivenOrder() {
        int[] order = {3, 0, 2, 1};
        Minibatch batch = BLOCK.batch(order, 1, 3);
        assertEquals(2, batch.size());
        assertArrayEquals(new int[] {3, 1}, batch.classes(), "examples 0 then 2");
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 10 / 255f, 20 / 255f, 30 / 255f}, batch.features(), 1e-7f);
        assertEquals(3, batch.featureSize());
        assertEquals(4, batch.numClasses());
    }

    @Test
    void rangeKeepsStoredOrder() {
        Minibatch batch = BLOCK.range(2, 4);
        assertArrayEquals(new int[] {1, 0}, batch.classes());
        assertArrayEquals(new float[] {10 / 255f, 20 / 255f, 30 / 255f, 200 / 255f, 254 / 255f, 0f}, batch.features(), 1e-7f);
        assertEquals(0, BLOCK.range(1, 1).size());
    }

    @Test
    void pixelsThatDoNotMatchTheLabelsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExampleBlock(0, 3, 4, new byte[7], new byte[2]));
        IdxFiles.assertOneLine(e, "7 values", "2 examples of 3");
        assertThrows(IllegalArgumentException.class, () -> new ExampleBlock(0, 3, 4, new byte[9], new byte[2]));
    }

    @Test
    void selectedAndJoinedBlocksKeepEachExamplesLabelAndValues() {
        ExampleBlock pixels = new ExampleBlock(0, 2, 3, new byte[] {0, (byte) 255, 51, 102, 10, 20}, new byte[] {2, 0, 1});
        ExampleBlock picked = pixels.select(5, new int[] {2, 0});
        assertEquals(5, picked.shard());
        assertEquals(1, picked.label(0));
        assertEquals(2, picked.label(1));
        assertArrayEquals(new float[] {ExampleBlock.scale((byte) 10), ExampleBlock.scale((byte) 20), 0f, 1f}, picked.range(0, 2).features());
        ExampleBlock joined = ExampleBlock.concat(1, 2, 3, java.util.List.of(picked, pixels.select(0, new int[] {1})));
        assertEquals(3, joined.size());
        assertArrayEquals(new int[] {1, 2, 0}, joined.range(0, 3).classes());
        assertArrayEquals(new float[] {ExampleBlock.scale((byte) 51), ExampleBlock.scale((byte) 102)}, joined.range(2, 3).features());

        ExampleBlock values = ExampleBlock.ofValues(0, 1, 300, new float[] {-1.5f, 2.5f}, new int[] {299, 7});
        assertArrayEquals(new float[] {2.5f, -1.5f}, values.select(0, new int[] {1, 0}).range(0, 2).features());
        assertEquals(299, values.label(0), "class indices beyond a byte");
        assertEquals(0, ExampleBlock.concat(3, 4, 2, java.util.List.of()).size());
        assertThrows(IllegalArgumentException.class, () -> ExampleBlock.concat(0, 2, 3, java.util.List.of(pixels,
                ExampleBlock.ofValues(0, 2, 3, new float[2], new int[1]))), "pixels and values do not mix");
    }
}
