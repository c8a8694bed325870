package io.sparkdp.driver;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.ExampleBlock;
import io.sparkdp.data.Task;
import io.sparkdp.driver.spark.Aggregation;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.SiameseNetwork;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationAccumulator;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.EvaluationPlan;
import io.sparkdp.worker.EvaluationWorker;
import io.sparkdp.worker.FlatVector;
import io.sparkdp.worker.PairMetrics;
import io.sparkdp.worker.PairRankingAccumulator;
import io.sparkdp.worker.RegressionAccumulator;
import io.sparkdp.worker.RegressionMetrics;
import io.sparkdp.worker.WorkerContext;
import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Distributed evaluation: broadcast the parameters, evaluate each block where it lives, merge the
 * {@link EvaluationAccumulator}s (or, for regression and reconstruction, {@link RegressionAccumulator}s; for a
 * Siamese network, {@link PairRankingAccumulator}s of pairs), and add the
 * network's regularization penalty to the loss on the driver, where it is computed once from the
 * same parameters.
 */
public final class Evaluator {
    private static final int DEPTH = 2;

    private Evaluator() {
    }

    /**
     * What to measure.
     *
     * @param schema    the data's schema: classes or regression targets
     * @param topK      k of the top-k accuracy of classification
     * @param batchSize examples per forward pass on an executor
     * @param task      what the model predicts; for {@link Task#RECONSTRUCTION} the blocks' targets
     *                  are their features ({@link ExampleBlock#reconstructing()}) and every feature is
     *                  measured as a regression target
     */
    public record Request(DataSchema schema, int topK, int batchSize, Task task) {
        /** A request for the task the schema's labels imply. */
        public Request(DataSchema schema, int topK, int batchSize) {
            this(schema, topK, batchSize, schema.task());
        }

        /** Whether the metrics are regression metrics: for regression targets, or features reconstructed. */
        boolean realValued() {
            return task != Task.CLASSIFICATION;
        }

        /** Outputs measured: classes, regression targets, or reconstructed features. */
        int outputs() {
            return task == Task.RECONSTRUCTION ? schema.featureSize() : schema.outputs();
        }
    }

    /** Measures {@code network} on {@code blocks}: classification or regression metrics, as the data's schema says. */
    public static EvaluationMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks, Network network,
                                             WorkerContext worker, Request request) {
        if (network instanceof SiameseNetwork) {
            return evaluate(spark, blocks, network, worker, PairRankingAccumulator.empty(request.batchSize()));
        }
        if (request.realValued()) {
            return evaluate(spark, blocks, network, worker, RegressionAccumulator.empty(request.outputs(), request.batchSize()));
        }
        return evaluate(spark, blocks, network, worker, EvaluationPlan.of(network, request.topK(), request.batchSize()));
    }

    /** As {@link #evaluate(JavaSparkContext, JavaRDD, Network, WorkerContext, EvaluationPlan)}, for a multi-layer network. */
    public static ClassificationMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks,
                                                 MultiLayerNetwork network, WorkerContext worker, EvaluationPlan plan) {
        return evaluate(spark, blocks, Network.of(network), worker, plan);
    }

    /** Measures {@code network} on {@code blocks} as {@code plan} says; the plan is {@link EvaluationPlan#of} the network. */
    public static ClassificationMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks,
                                                 Network network, WorkerContext worker, EvaluationPlan plan) {
        Pass<EvaluationAccumulator> pass = new Pass<>(EvaluationAccumulator.empty(plan), EvaluationWorker::accumulate,
                EvaluationAccumulator::merge);
        return aggregate(spark, blocks, network, worker, pass).metrics(network.regularizationScore());
    }

    /**
     * Measures a Siamese {@code network} on pairs of {@code blocks}' examples, formed inside each
     * evaluation minibatch: the ROC AUC of same-class against different-class pairs.
     */
    public static PairMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks, Network network,
                                       WorkerContext worker, PairRankingAccumulator zero) {
        Pass<PairRankingAccumulator> pass = new Pass<>(zero, EvaluationWorker::accumulate, PairRankingAccumulator::merge);
        return aggregate(spark, blocks, network, worker, pass).metrics(network.regularizationScore());
    }

    /** Measures a regression {@code network} on {@code blocks}, from {@code zero}, the empty sums of its targets. */
    public static RegressionMetrics evaluate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks,
                                             Network network, WorkerContext worker, RegressionAccumulator zero) {
        Pass<RegressionAccumulator> pass = new Pass<>(zero, EvaluationWorker::accumulate, RegressionAccumulator::merge);
        return aggregate(spark, blocks, network, worker, pass).metrics(network.regularizationScore());
    }

    /** How one block adds to an evaluation's sums on an executor, at the broadcast parameters. */
    @FunctionalInterface
    private interface BlockAdder<A> extends Serializable {
        A add(A sums, ExampleBlock block, FlatVector parameters, WorkerContext worker);
    }

    /**
     * One evaluation pass of one kind of sums.
     *
     * @param zero  the empty sums
     * @param add   how a block adds to them
     * @param merge how two partial sums merge
     */
    private record Pass<A>(A zero, BlockAdder<A> add, Function2<A, A, A> merge) implements Serializable {
    }

    /** Broadcasts the parameters, sums {@code pass} over every block where it lives, and destroys the broadcast. */
    private static <A> A aggregate(JavaSparkContext spark, JavaRDD<ExampleBlock> blocks, Network network, WorkerContext worker,
                                   Pass<A> pass) {
        Broadcast<FlatVector> parameters = spark.broadcast(FlatVector.of(network.params()));
        try {
            BlockAdder<A> add = pass.add();
            return Aggregation.treeAggregate(blocks, pass.zero(), (sums, block) -> add.add(sums, block, parameters.value(), worker),
                    pass.merge(), DEPTH);
        } finally {
            parameters.destroy();
        }
    }
}
