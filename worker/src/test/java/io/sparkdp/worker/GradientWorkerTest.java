package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Minibatch;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class GradientWorkerTest {
    private static final InputShape SHAPE = new InputShape(1, 6, 6);
    private static final int CLASSES = 10;
    private static final int BLOCK_SIZE = 14;
    private static final int SHARD_BATCH = 5;
    private static final long DATA_SEED = 21;
    private static LocalSpark spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("GradientWorkerTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static ModelRequest request(long seed, DataType type) {
        return new ModelRequest(SHAPE, CLASSES, seed, OptimizerConfig.defaults(), type);
    }

    /** Random 8-bit pixels and labels in range, like an IDX shard. */
    private static ExampleBlock block(int shard, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[BLOCK_SIZE * SHAPE.size()];
        byte[] labels = new byte[BLOCK_SIZE];
        random.nextBytes(pixels);
        for (int i = 0; i < BLOCK_SIZE; i++) {
            labels[i] = (byte) random.nextInt(CLASSES);
        }
        return new ExampleBlock(shard, SHAPE.size(), CLASSES, pixels, labels);
    }

    /** A network of the same configuration at {@code parameters}, its gradient and score computed on {@code data}. */
    private static MultiLayerNetwork direct(MultiLayerConfiguration configuration, FlatVector parameters, DataSet data) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.clone());
        network.init();
        network.setParams(parameters.toArray());
        network.setInput(data.getFeatures());
        network.setLabels(data.getLabels());
        network.computeGradientAndScore();
        return network;
    }

    @Test
    void theShardsGradientIsTheOneDl4jComputesOnTheSameMinibatch() {
        ModelRequest request = request(1, DataType.FLOAT);
        MultiLayerConfiguration configuration = ModelZoo.configure("mlp", request);
        WorkerContext context = spark.context("mlp", request);
        // parameters other than the pooled network's own initialisation, so they must be applied
        FlatVector parameters = FlatVector.of(ModelZoo.build("mlp", request(2, DataType.FLOAT)).params());
        ExampleBlock block = block(3, DATA_SEED);

        for (int round = 0; round < RoundTask.roundsPerEpoch(BLOCK_SIZE, SHARD_BATCH); round++) {
            RoundTask task = new RoundTask(1, round, SHARD_BATCH, 77);
            Minibatch batch = task.slice(block);

            GradientAccumulator acc = GradientWorker.accumulate(GradientAccumulator.empty(), block, task, parameters,
                    context);
            MultiLayerNetwork expected = direct(configuration, parameters, Batches.toDataSet(batch, DataType.FLOAT));

            String where = "round " + round;
            assertEquals(batch.size(), acc.examples(), where);
            assertEquals(1, acc.shardCount(), where);
            assertTrue(acc.slowestComputeNanos() > 0, where);
            assertArrayEquals(expected.getGradientsViewArray().toDoubleVector(),
                    acc.gradientSum().toDoubleVector(), 1e-5, where);
            assertEquals(expected.score() * batch.size(), acc.lossSum(), 1e-5 * batch.size(), where);
            assertTrue(acc.lossSum() > 0, where);
        }
    }

    @Test
    void theGradientIsTheSumOverExamplesNotTheMean() {
        ModelRequest request = request(3, DataType.DOUBLE);
        MultiLayerConfiguration configuration = ModelZoo.configure("mlp", request);
        FlatVector parameters = FlatVector.of(ModelZoo.build("mlp", request).params());
        ExampleBlock block = block(0, DATA_SEED + 1);
        RoundTask task = new RoundTask(0, 0, SHARD_BATCH, 5);

        GradientAccumulator acc = GradientWorker.accumulate(GradientAccumulator.empty(), block, task, parameters,
                spark.context("mlp", request));

        DataSet batch = Batches.toDataSet(task.slice(block), DataType.DOUBLE);
        List<DataSet> examples = batch.asList();
        INDArray sum = null;
        double lossSum = 0;
        for (DataSet example : examples) {
            MultiLayerNetwork one = direct(configuration, parameters, example);
            sum = sum == null ? one.getGradientsViewArray().dup() : sum.addi(one.getGradientsViewArray());
            lossSum += one.score();
        }
        assertEquals(DataType.DOUBLE, acc.gradientSum().dataType());
        assertEquals(SHARD_BATCH, examples.size());
        assertArrayEquals(sum.toDoubleVector(), acc.gradientSum().toDoubleVector(), 1e-9);
        assertEquals(lossSum, acc.lossSum(), 1e-9);
    }

    @Test
    void twoShardsMergedEqualOneMachineOnTheirUnion() {
        ModelRequest request = request(4, DataType.DOUBLE);
        MultiLayerConfiguration configuration = ModelZoo.configure("mlp", request);
        WorkerContext context = spark.context("mlp", request);
        FlatVector parameters = FlatVector.of(ModelZoo.build("mlp", request).params());
        ExampleBlock first = block(0, DATA_SEED + 2);
        ExampleBlock second = block(1, DATA_SEED + 3);
        RoundTask task = new RoundTask(2, 1, SHARD_BATCH, 8);

        GradientAccumulator merged = GradientWorker.accumulate(GradientAccumulator.empty(), first, task, parameters,
                        context)
                .merge(GradientWorker.accumulate(GradientAccumulator.empty(), second, task, parameters, context));

        DataSet union = DataSet.merge(List.of(Batches.toDataSet(task.slice(first), DataType.DOUBLE),
                Batches.toDataSet(task.slice(second), DataType.DOUBLE)));
        MultiLayerNetwork expected = direct(configuration, parameters, union);
        assertEquals(2 * SHARD_BATCH, merged.examples());
        assertEquals(2, merged.shardCount());
        assertArrayEquals(expected.getGradientsViewArray().toDoubleVector(),
                merged.gradientSum().toDoubleVector(), 1e-9);
        assertEquals(expected.score() * 2 * SHARD_BATCH, merged.lossSum(), 1e-9);
    }

    @Test
    void aUsedUpShardCountsAsEmpty() {
        ModelRequest request = request(1, DataType.FLOAT);
        FlatVector parameters = FlatVector.of(ModelZoo.build("mlp", request).params());
        ExampleBlock block = block(6, DATA_SEED);
        RoundTask pastTheEnd = new RoundTask(0, RoundTask.roundsPerEpoch(BLOCK_SIZE, SHARD_BATCH), SHARD_BATCH, 1);
        long before = NetworkPool.constructions();

        GradientAccumulator acc = GradientWorker.accumulate(GradientAccumulator.empty(), block, pastTheEnd,
                parameters, spark.context("mlp", request));

        assertEquals(0, acc.examples());
        assertEquals(1, acc.shardCount());
        assertThrows(IllegalStateException.class, acc::gradientSum);
        assertEquals(before, NetworkPool.constructions(), "no network is needed for an empty round");
    }
}
