package io.sparkdp.driver.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdp.worker.ClassificationMetrics;

/**
 * The one JSON form of {@link ClassificationMetrics}, shared by {@code metrics.jsonl}'s validation
 * objects and {@code sparkdp evaluate --metrics-json}. Field names are snake case; a value that is
 * not finite (no log loss for an output that is not a softmax) is written as null, since JSON has
 * no NaN.
 */
public final class MetricsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {
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
