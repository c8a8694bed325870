package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Labels;
import io.sparkdp.data.Minibatch;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** Reconstruction targets are each batch's own normalised features, in an array of their own. */
class ReconstructionBatchesTest {
    private static ExampleBlock pixels() {
        byte[] values = new byte[4 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 20);
        }
        return ExampleBlock.ofPixels(0, 3, 2, values, new int[] {0, 1, 0, 1});
    }

    @Test
    void reconstructionTargetsAreTheNormalisedFeaturesInTheirOwnArray() {
        Normalizer shift = new Normalizer(Normalization.STANDARDIZE, new float[] {0.1f, 0.2f, 0.3f}, new float[] {2, 2, 2});
        ExampleBlock block = pixels().normalizedBy(shift).reconstructing();
        Minibatch batch = block.batch(new int[] {3, 1}, 0, 2);

        DataSet data = Batches.toDataSet(batch, DataType.FLOAT);

        assertTrue(batch.reconstructs());
        assertEquals(data.getFeatures(), data.getLabels());
        assertNotSame(data.getFeatures(), data.getLabels());
        assertEquals((ExampleBlock.scale((byte) 180) - 0.1f) * 2, data.getLabels().getFloat(0, 0), 1e-6);
        data.getFeatures().addi(1); // noise on the input
        assertEquals((ExampleBlock.scale((byte) 180) - 0.1f) * 2, data.getLabels().getFloat(0, 0), 1e-6);
    }

    @Test
    void reconstructionLabelsStoreNothingAndFollowSelectionsAndJoins() {
        ExampleBlock block = pixels().reconstructing();

        ExampleBlock picked = block.select(1, new int[] {2, 0, 1});
        ExampleBlock joined = ExampleBlock.concat(2, 3, new Labels.Inputs(0, 3), List.of(block, picked));

        assertEquals(new Labels.Inputs(3, 3), picked.labels());
        assertEquals(new Labels.Inputs(7, 3), joined.labels());
        assertEquals(0, block.numClasses());
        assertThrows(IllegalStateException.class, () -> block.labels().matrix());
        assertThrows(IllegalArgumentException.class,
                () -> new Labels.Inputs(0, 3).join(List.of(new Labels.Classes(new int[] {1}, 2))));
    }
}
