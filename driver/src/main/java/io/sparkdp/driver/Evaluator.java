package io.sparkdp.driver;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationAccumulator;
import io.sparkdp.worker.EvaluationPlan;
import io.sparkdp.worker.EvaluationWorker;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.WorkerContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Distributed evaluation: broadcast the parameters, evaluate each block where it lives, merge the
 * {@link EvaluationAccumulator}s, and add the network's regularization penalty to the loss on the
 * driver, where it is computed once from the same parameters.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** As {@link #evaluate(JavaSparkContext, JavaRDD, Network, WorkerContext, EvaluationPlan)}, for a multi-layer network. */
    public static ClassificationMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks,
                                                 MultiLayerNetwork network, WorkerContext worker, EvaluationPlan plan) {
        return evaluate(spark, blocks, Network.of(network), worker, plan);
    }

    /** Measures {@code network} on {@code blocks} as {@code plan} says; the plan is {@link EvaluationPlan#of} the network. */
    public static ClassificationMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks,
                                                 Network network, WorkerContext worker, EvaluationPlan plan) {
        Broadcast<FlatVector> parameters = spark.broadcast(FlatVector.of(network.params()));
        try {
            EvaluationAccumulator sums = Aggregation.treeAggregate(blocks, EvaluationAccumulator.empty(plan),
                    (acc, block) -> EvaluationWorker.accumulate(acc, block, parameters.value(), worker),
                    EvaluationAccumulator::merge, 2);
            return sums.metrics(network.regularizationScore());
        } finally {
            parameters.destroy();
        }
    }
}
