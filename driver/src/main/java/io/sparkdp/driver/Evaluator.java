package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.worker.EvaluationAccumulator;
import io.sparkdp.worker.EvaluationWorker;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.WorkerContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Distributed evaluation: broadcast the parameters, evaluate each block where it lives, merge. */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvaluationAccumulator evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks,
                                                 MultiLayerNetwork network, WorkerContext worker, int batchSize) {
        int numClasses = network.layerSize(network.getnLayers() - 1);
        Broadcast<FlatVector> parameters = spark.broadcast(FlatVector.of(network.params()));
        try {
            return Aggregation.treeAggregate(blocks, EvaluationAccumulator.empty(numClasses),
                    (acc, block) -> EvaluationWorker.accumulate(acc, block, batchSize, parameters.value(), worker),
                    EvaluationAccumulator::merge, 2);
        } finally {
            parameters.destroy();
        }
    }
}
