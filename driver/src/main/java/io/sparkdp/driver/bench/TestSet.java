package io.sparkdp.driver.bench;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.IdxDataset;
import io.sparkdp.data.IdxSource;
import io.sparkdp.data.ShardPlan;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.Batches;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;

/** The test images, read once on the driver so that every trainer is scored by the same code. */
final class TestSet {
    private static final int BATCH = 1000;
    private final ExampleBlock block;

    private TestSet(ExampleBlock block) {
        this.block = block;
    }

    static TestSet read(String data, Configuration conf) {
        IdxDataset test = IdxDataset.open(IdxSource.resolve(data, IdxSource.Part.TEST, conf), conf);
        return new TestSet(test.readTrainShard(conf, new ShardPlan(test.records(), 0, 1, 0L), 0));
    }

    double accuracy(MultiLayerNetwork network) {
        return accuracy(Network.of(network));
    }

    double accuracy(Network network) {
        Evaluation evaluation = new Evaluation(block.numClasses());
        var dataType = network.dataType();
        for (int from = 0; from < block.size(); from += BATCH) {
            var data = Batches.toDataSet(block.range(from, Math.min(from + BATCH, block.size())), dataType);
            evaluation.eval(data.getLabels(), network.output(data.getFeatures()));
        }
        return evaluation.accuracy();
    }
}
