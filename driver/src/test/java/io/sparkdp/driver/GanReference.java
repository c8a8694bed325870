package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.config.TrainConfig;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.network.NetworkConfiguration;
import io.sparkdp.worker.Batches;
import io.sparkdp.worker.RoundTask;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The GAN's oracle: alternating updates on one machine with plain DL4J, as DL4J's own GAN
 * examples train one. The discriminator {@code fit}s on the real images and as many generated
 * ones; then the stacked network, its discriminator layers frozen (with backpropagation through
 * them), {@code fit}s the generator to make the discriminator say "real"; parameters are copied
 * between the networks around each step. It shares with sparkdp only the zoo's layer
 * configurations, the data plan and the noise seeds.
 *
 * @param parameters   generator's then discriminator's parameters after training
 * @param updaterState generator's then discriminator's optimizer state after training
 */
record GanReference(INDArray parameters, INDArray updaterState) {
    static GanReference train(TrainConfig config, DataType dataType) {
        ReferenceSetup setup = ReferenceSetup.of(config, dataType);
        int rounds = setup.rounds(config);
        var gan = (NetworkConfiguration.Gan) ModelZoo.network("gan", config.modelRequest(new InputShape(1, 28, 28), 10,
                RoundTask.roundsPerEpoch(setup.plan().trainShardSize(0), config.shardBatch()), dataType));
        MultiLayerNetwork start = new MultiLayerNetwork(gan.stack());
        start.init();
        MultiLayerNetwork generator = part(gan.generator(), start.params(), 0);
        long split = generator.numParams();
        MultiLayerNetwork discriminator = part(gan.discriminator(), start.params(), split);
        MultiLayerConfiguration frozen = gan.stack().clone();
        for (int i = gan.generatorLayers(); i < frozen.getConfs().size(); i++) {
            frozen.getConf(i).setLayer(new FrozenLayerWithBackprop(frozen.getConf(i).getLayer()));
        }
        MultiLayerNetwork stack = new MultiLayerNetwork(frozen);
        stack.init(start.params().dup(), false);
        ExampleBlock shard = setup.shards().get(0);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int round = 0; round < rounds; round++) {
                RoundTask task = new RoundTask(epoch, round, config.shardBatch(), config.localSteps(), config.seed());
                int[] order = task.order(shard);
                for (int step = 0; step < config.localSteps(); step++) {
                    var slice = task.slice(shard, order, step);
                    if (slice.size() == 0) {
                        break;
                    }
                    INDArray real = Batches.toDataSet(slice, dataType).getFeatures();
                    long n = real.size(0);
                    task.seedRandomness(0, step, 0);
                    INDArray fake = generator.output(Nd4j.randn(dataType, n, gan.latent()), false).reshape('c', n, 784);
                    discriminator.fit(new DataSet(Nd4j.vstack(real, fake),
                            Nd4j.vstack(Nd4j.ones(dataType, n, 1), Nd4j.zeros(dataType, n, 1))));
                    slice(stack.params(), split, stack.numParams()).assign(discriminator.params());
                    task.seedRandomness(0, step, 1);
                    stack.fit(new DataSet(Nd4j.randn(dataType, n, gan.latent()), Nd4j.ones(dataType, n, 1)));
                    generator.params().assign(slice(stack.params(), 0, split));
                }
            }
        }
        // DL4J keeps the frozen stack's Adam state as one block, [m of all | v of all]; the generator's are their heads.
        INDArray both = stack.getUpdater().getStateViewArray();
        long all = stack.numParams();
        return new GanReference(Nd4j.hstack(generator.params(), discriminator.params()), Nd4j.hstack(slice(both, 0, split),
                slice(both, all, all + split), discriminator.getUpdater().getStateViewArray()));
    }

    private static MultiLayerNetwork part(MultiLayerConfiguration conf, INDArray all, long from) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        network.params().assign(slice(all, from, from + network.numParams()));
        return network;
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }
}
