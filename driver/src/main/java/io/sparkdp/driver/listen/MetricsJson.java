package io.sparkdp.driver.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.PairMetrics;
import io.sparkdp.worker.RegressionMetrics;

/**
 * The one JSON form of {@link ClassificationMetrics} and {@link RegressionMetrics}, shared by
 * {@code metrics.jsonl}'s validation objects and {@code sparkdp evaluate --metrics-json}. Field
 * names are snake case; a value that is not finite (no log loss for an output that is not a
 * softmax) is written as null, since JSON has no NaN.
 */
public final class MetricsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {
    }

    /** The JSON of either kind of metrics. */
    public static ObjectNode of(EvaluationMetrics metrics) {
        if (metrics instanceof PairMetrics pairs) {
            return of(pairs);
        }
        return metrics instanceof RegressionMetrics regression ? of(regression) : of(metrics.classification());
    }

    /**
     * {@code task} ({@code pairs}), {@code examples} (pairs), {@code loss}, {@code auc},
     * {@code same_pairs}, {@code different_pairs}, and the mean {@code same_distance} and
     * {@code different_distance}.
     */
    public static ObjectNode of(PairMetrics metrics) {
        ObjectNode node = JSON.createObjectNode();
        node.put("task", "pairs");
        node.put("examples", metrics.examples());
        number(node, "loss", metrics.loss());
        number(node, "auc", metrics.auc());
        node.put("same_pairs", metrics.samePairs());
        node.put("different_pairs", metrics.differentPairs());
        number(node, "same_distance", metrics.sameDistance());
        number(node, "different_distance", metrics.differentDistance());
        return node;
    }

    /**
     * {@code task} ({@code regression}), {@code examples}, {@code loss}, and averaged over the
     * targets {@code mse}, {@code rmse}, {@code mae} and {@code r2}; then {@code per_target}, the
     * same four as arrays indexed by target.
     */
    public static ObjectNode of(RegressionMetrics metrics) {
        ObjectNode node = JSON.createObjectNode();
        summary(node, metrics);
        ObjectNode perTarget = node.putObject("per_target");
        ArrayNode mse = perTarget.putArray("mse");
        ArrayNode rmse = perTarget.putArray("rmse");
        ArrayNode mae = perTarget.putArray("mae");
        ArrayNode r2 = perTarget.putArray("r2");
        for (int t = 0; t < metrics.targets(); t++) {
            mse.add(finite(metrics.mse()[t]));
            rmse.add(finite(metrics.rmse(t)));
            mae.add(finite(metrics.mae()[t]));
            r2.add(finite(metrics.r2()[t]));
        }
        return node;
    }

    /** The scalar fields of {@link #of(RegressionMetrics)} into {@code node}. */
    public static ObjectNode summary(ObjectNode node, RegressionMetrics metrics) {
        node.put("task", "regression");
        node.put("examples", metrics.examples());
        number(node, "loss", metrics.loss());
        number(node, "mse", metrics.meanSquaredError());
        number(node, "rmse", metrics.rootMeanSquaredError());
        number(node, "mae", metrics.meanAbsoluteError());
        number(node, "r2", metrics.rSquared());
        number(node, "r2_variance_weighted", metrics.varianceWeightedR2());
        return node;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * {@code examples}, {@code accuracy}, {@code top_k}, {@code top_k_accuracy}, {@code loss},
     * {@code log_loss}, macro {@code precision}, {@code recall} and {@code f1}, {@code per_class}
     * ({@code precision}, {@code recall}, {@code f1} and {@code support} arrays indexed by class)
     * and {@code confusion} ({@code confusion[actual][predicted]}).
     */
    public static ObjectNode of(ClassificationMetrics metrics) {
        ObjectNode node = JSON.createObjectNode();
        summary(node, metrics);
        ObjectNode perClass = node.putObject("per_class");
        ArrayNode precision = perClass.putArray("precision");
        ArrayNode recall = perClass.putArray("recall");
        ArrayNode f1 = perClass.putArray("f1");
        ArrayNode support = perClass.putArray("support");
        for (int c = 0; c < metrics.classes(); c++) {
            precision.add(metrics.precision(c));
            recall.add(metrics.recall(c));
            f1.add(metrics.f1(c));
            support.add(metrics.support(c));
        }
        ArrayNode confusion = node.putArray("confusion");
        for (long[] row : metrics.confusion()) {
            ArrayNode counts = confusion.addArray();
            for (long count : row) {
                counts.add(count);
            }
        }
        return node;
    }

    /** The scalar fields of {@link #of} into {@code node}. */
    public static ObjectNode summary(ObjectNode node, ClassificationMetrics metrics) {
        node.put("examples", metrics.examples());
        number(node, "accuracy", metrics.accuracy());
        node.put("top_k", metrics.topK());
        number(node, "top_k_accuracy", metrics.topKAccuracy());
        number(node, "loss", metrics.loss());
        number(node, "log_loss", metrics.logLoss());
        number(node, "precision", metrics.precision());
        number(node, "recall", metrics.recall());
        number(node, "f1", metrics.f1());
        if (metrics.sequences() > 0) {
            node.put("sequences", metrics.sequences());
            number(node, "sequence_accuracy", metrics.sequenceAccuracy());
        }
        return node;
    }

    /** JSON has no NaN or infinity: a value that is not finite is written as null. */
    static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
