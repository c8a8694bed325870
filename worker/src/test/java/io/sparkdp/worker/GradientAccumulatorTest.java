package io.sparkdp.worker;

import static io.sparkdp.worker.FlatVectorTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientAccumulatorTest {

    private static INDArray vector(double... values) {
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }

    /** One shard's contribution: gradient {@code values}, loss {@code loss}, {@code count} examples. */
    private static GradientAccumulator shard(int shard, double loss, long count, double... values) {
        return GradientAccumulator.empty().add(shard, vector(values), loss, count, 0);
    }

    private static void assertSameTotals(GradientAccumulator expected, GradientAccumulator actual) {
        assertArrayEquals(expected.gradientSum().toDoubleVector(), actual.gradientSum().toDoubleVector(), 1e-12);
        assertEquals(expected.lossSum(), actual.lossSum(), 1e-12);
        assertEquals(expected.examples(), actual.examples());
        assertEquals(expected.shardCount(), actual.shardCount());
        assertEquals(expected.slowestComputeNanos(), actual.slowestComputeNanos());
    }

    @Test
    void theZeroHoldsNothing() {
        GradientAccumulator zero = GradientAccumulator.empty();

        assertEquals(0, zero.examples());
        assertEquals(0, zero.shardCount());
        assertEquals(0.0, zero.lossSum());
        assertEquals(0, zero.slowestComputeNanos());
        assertTrue(Double.isNaN(zero.meanLoss()));
        IllegalStateException error = assertThrows(IllegalStateException.class, zero::gradientSum);
        assertTrue(error.getMessage().contains("no examples"), error.getMessage());
    }

    @Test
    void addCopiesTheGradient() {
        INDArray gradient = vector(1, 2, 3);
        GradientAccumulator acc = GradientAccumulator.empty().add(0, gradient, 1.0, 1, 0);

        gradient.addi(100);

        assertArrayEquals(new double[]{1, 2, 3}, acc.gradientSum().toDoubleVector());
    }

    @Test
    void addKeepsTheRowShapeForAnyInputShape() {
        GradientAccumulator acc = GradientAccumulator.empty()
                .add(0, Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0), 0, 1, 0)
                .add(1, Nd4j.createFromArray(new double[][]{{1, 1}, {1, 1}}), 0, 1, 0);

        assertArrayEquals(new long[]{1, 4}, acc.gradientSum().shape());
        assertArrayEquals(new double[]{2, 3, 4, 5}, acc.gradientSum().toDoubleVector());
    }

    @Test
    void addSumsGradientsLossesAndCounts() {
        GradientAccumulator acc = GradientAccumulator.empty()
                .add(3, vector(1, 2, 3), 0.5, 4, 0)
                .add(7, vector(10, 20, 30), 1.5, 2, 0);

        assertArrayEquals(new double[]{11, 22, 33}, acc.gradientSum().toDoubleVector());
        assertEquals(2.0, acc.lossSum(), 1e-12);
        assertEquals(6, acc.examples());
        assertEquals(2, acc.shardCount());
        assertEquals(2.0 / 6, acc.meanLoss(), 1e-12);
    }

    @Test
    void addNeedsAtLeastOneExample() {
        assertThrows(IllegalArgumentException.class,
                () -> GradientAccumulator.empty().add(0, vector(1), 0, 0, 0));
    }

    @Test
    void mergeIsAssociativeAndCommutative() {
        // fresh operands for every grouping: merge folds into, and may share arrays with, its operands
        GradientAccumulator leftFirst = shard(0, 1, 1, 1, 2).merge(shard(1, 2, 2, 10, 20)).merge(shard(2, 4, 3, 100, 200));
        GradientAccumulator rightFirst = shard(0, 1, 1, 1, 2).merge(shard(1, 2, 2, 10, 20).merge(shard(2, 4, 3, 100, 200)));
        GradientAccumulator reversed = shard(2, 4, 3, 100, 200).merge(shard(1, 2, 2, 10, 20)).merge(shard(0, 1, 1, 1, 2));

        assertArrayEquals(new double[]{111, 222}, leftFirst.gradientSum().toDoubleVector(), 1e-12);
        assertEquals(7.0, leftFirst.lossSum(), 1e-12);
        assertEquals(6, leftFirst.examples());
        assertEquals(3, leftFirst.shardCount());
        assertSameTotals(leftFirst, rightFirst);
        assertSameTotals(leftFirst, reversed);
    }

    @Test
    void theZeroIsTheIdentityOfMerge() {
        GradientAccumulator expected = shard(5, 2.5, 3, 1, -1, 0.5);

        assertSameTotals(expected, shard(5, 2.5, 3, 1, -1, 0.5).merge(GradientAccumulator.empty()));
        assertSameTotals(expected, GradientAccumulator.empty().merge(shard(5, 2.5, 3, 1, -1, 0.5)));
        GradientAccumulator zeros = GradientAccumulator.empty().merge(GradientAccumulator.empty());
        assertEquals(0, zeros.examples());
        assertEquals(0, zeros.shardCount());
        assertThrows(IllegalStateException.class, zeros::gradientSum);
    }

    @Test
    void mergeThenAddSumsEverything() {
        GradientAccumulator acc = GradientAccumulator.empty().merge(shard(0, 1, 1, 1, 1));

        acc.add(1, vector(2, 3), 1, 1, 0);

        assertArrayEquals(new double[]{3, 4}, acc.gradientSum().toDoubleVector(), 1e-12);
        assertEquals(2, acc.examples());
    }

    @Test
    void aShardAddedTwiceIsRefused() {
        GradientAccumulator acc = shard(4, 1, 1, 1, 2);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> acc.add(4, vector(1, 2), 1, 1, 0));
        assertTrue(error.getMessage().contains("shard 4"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> acc.addEmpty(4));
        assertThrows(IllegalStateException.class, () -> GradientAccumulator.empty().addEmpty(4).addEmpty(4));
    }

    @Test
    void aShardMergedTwiceIsRefused() {
        assertThrows(IllegalStateException.class, () -> shard(1, 1, 1, 1, 2).merge(shard(1, 1, 1, 1, 2)));
        assertThrows(IllegalStateException.class,
                () -> shard(1, 1, 1, 1, 2).merge(GradientAccumulator.empty().addEmpty(1)));
        assertThrows(IllegalStateException.class,
                () -> shard(0, 1, 1, 1, 2).merge(shard(1, 1, 1, 1, 2)).merge(shard(2, 1, 1, 1, 2).addEmpty(0)));
        GradientAccumulator self = shard(3, 1, 1, 1, 2);
        assertThrows(IllegalStateException.class, () -> self.merge(self));
    }

    @Test
    void anEmptyShardCountsButAddsNoExamples() {
        GradientAccumulator acc = shard(0, 2, 4, 1, 2).addEmpty(1);
        GradientAccumulator merged = GradientAccumulator.empty().addEmpty(2).merge(acc);

        assertEquals(2, acc.shardCount());
        assertEquals(4, acc.examples());
        assertEquals(3, merged.shardCount());
        assertEquals(4, merged.examples());
        assertEquals(0.5, merged.meanLoss(), 1e-12);
        assertArrayEquals(new double[]{1, 2}, merged.gradientSum().toDoubleVector(), 1e-12);
        GradientAccumulator onlyEmpty = GradientAccumulator.empty().addEmpty(9);
        assertEquals(1, onlyEmpty.shardCount());
        assertEquals(0, onlyEmpty.examples());
        assertThrows(IllegalStateException.class, onlyEmpty::gradientSum);
    }

    @Test
    void gradientsOfDifferentLengthsAreRefused() {
        GradientAccumulator acc = shard(0, 1, 1, 1, 2, 3);

        assertThrows(IllegalArgumentException.class, () -> acc.add(1, vector(1, 2), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> shard(2, 1, 1, 1, 2, 3).merge(shard(3, 1, 1, 1, 2)));
    }

    @Test
    void slowestComputeIsTheMaximumOverShards() {
        GradientAccumulator a = GradientAccumulator.empty().add(0, vector(1), 0, 1, 300).add(1, vector(1), 0, 1, 100);
        GradientAccumulator b = GradientAccumulator.empty().add(2, vector(1), 0, 1, 700);
        GradientAccumulator c = GradientAccumulator.empty().add(3, vector(1), 0, 1, 50);

        assertEquals(300, a.slowestComputeNanos());
        assertEquals(700, a.merge(b).slowestComputeNanos());
        assertEquals(700, a.merge(c).slowestComputeNanos());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void javaSerializationKeepsEverything(DataType type) throws Exception {
        INDArray g1 = Nd4j.rand(type, 1, 257);
        INDArray g2 = Nd4j.rand(type, 1, 257);
        GradientAccumulator acc = GradientAccumulator.empty()
                .add(0, g1, 1.25, 3, 40)
                .add(5, g2, 0.75, 2, 90)
                .addEmpty(6);

        GradientAccumulator back = roundTrip(acc);

        assertEquals(type, back.gradientSum().dataType());
        assertArrayEquals(new long[]{1, 257}, back.gradientSum().shape());
        assertArrayEquals(acc.gradientSum().toDoubleVector(), back.gradientSum().toDoubleVector(), 0.0);
        assertEquals(2.0, back.lossSum(), 0.0);
        assertEquals(5, back.examples());
        assertEquals(3, back.shardCount());
        assertEquals(90, back.slowestComputeNanos());
        // the shards travel too: the exactly-once guard still holds after the trip
        assertThrows(IllegalStateException.class, () -> back.addEmpty(6));
        assertThrows(IllegalStateException.class, () -> roundTrip(acc).merge(back));
        back.add(1, g1, 0, 1, 0);
        assertEquals(6, back.examples());
    }

    @Test
    void theZeroSurvivesJavaSerialization() throws Exception {
        GradientAccumulator back = roundTrip(GradientAccumulator.empty());

        assertEquals(0, back.examples());
        assertEquals(0, back.shardCount());
        assertThrows(IllegalStateException.class, back::gradientSum);
        back.add(0, vector(1, 2), 1, 1, 0);
        assertArrayEquals(new double[]{1, 2}, back.gradientSum().toDoubleVector());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void foldingShardsInAnyTreeGivesTheSerialSum(int leaves) throws Exception {
        Random random = new Random(leaves);
        int shards = 16;
        GradientAccumulator serial = GradientAccumulator.empty();
        GradientAccumulator[] partial = new GradientAccumulator[leaves];
        for (int i = 0; i < leaves; i++) {
            partial[i] = GradientAccumulator.empty();
        }
        for (int shard = 0; shard < shards; shard++) {
            double[] values = random.doubles(5).toArray();
            serial.add(shard, vector(values), shard, 1 + shard % 3, 0);
            partial[shard % leaves].add(shard, vector(values), shard, 1 + shard % 3, 0);
        }
        GradientAccumulator tree = GradientAccumulator.empty();
        for (GradientAccumulator p : partial) {
            tree = tree.merge(roundTrip(p));
        }

        assertSameTotals(serial, tree);
        assertEquals(shards, tree.shardCount());
    }
}
