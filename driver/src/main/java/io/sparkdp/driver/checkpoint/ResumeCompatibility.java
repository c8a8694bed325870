package io.sparkdp.driver.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdp.driver.config.ConfigJson;
import io.sparkdp.driver.config.EarlyStoppingConfig;
import io.sparkdp.driver.config.TrainConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a run may continue a checkpoint. Everything that shapes the training (data,
 * model, batch, workers, strategy with its averaging, optimizer, seed, split) must match; what only says how long or
 * where to run ({@code epochs}, {@code output}, {@code overwrite}, aggregation depth, recovery
 * settings) may change. The recipe (model arguments, loss, initialisation, penalties, clipping,
 * decay) shapes the training, field by field; and with a cosine decay, which spans the run,
 * {@code epochs} shapes it too.
 * <p>
 * Transfer learning shapes the training field by field: the init model, the frozen layers and
 * the head. A resumed run continues the checkpoint's network and does not read the init model again.
 * <p>
 * Early stopping says how long to run, so its patience and minimum improvement may change, and
 * it may be turned on or off: a changed patience applies to the epochs already counted without
 * improvement, and turned on at a resume it starts tracking from the next epoch. Only its metric
 * may not change while the checkpoint holds a best epoch chosen by it.
 */
public final class ResumeCompatibility {
    private static final Set<String> MAY_CHANGE = Set.of("epochs", "output", "overwrite", "aggregationDepth", "recovery",
            "earlyStopping");

    private ResumeCompatibility() {
    }

    /**
     * The configuration the resumed run uses: {@code requested}, with the checkpoint's worker
     * count when {@code autoWorkers} (the user left the count to Spark).
     *
     * @throws IllegalArgumentException naming each field that differs, or when the checkpoint is
     *                                  already past the requested epochs
     */
    public static TrainConfig reconcile(TrainConfig requested, boolean autoWorkers, Checkpoint checkpoint) {
        TrainConfig stored = checkpoint.state().config();
        TrainConfig resolved = autoWorkers ? requested.withWorkers(stored.workers()) : requested;
        List<String> differences = differences(stored, resolved);
        metricChange(stored, checkpoint.state().earlyStopping(), resolved).ifPresent(differences::add);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpoint.name() + " is of a different model or configuration ("
                    + String.join("; ", differences) + "); pass the same options, or start a new run with another"
                    + " --checkpoint-dir");
        }
        if (checkpoint.state().epoch() > resolved.epochs()) {
            throw new IllegalArgumentException("checkpoint " + checkpoint.name() + " has already trained "
                    + checkpoint.state().epoch() + " epochs, more than --epochs " + resolved.epochs());
        }
        return resolved;
    }

    static List<String> differences(TrainConfig stored, TrainConfig requested) {
        ObjectNode before = shaping(stored);
        ObjectNode now = shaping(requested);
        List<String> differences = new ArrayList<>();
        for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode was = before.get(name);
            JsonNode is = now.get(name);
            if (!was.equals(is)) {
                differences.add(name + ": " + text(was) + " in the checkpoint, " + (is == null ? "absent" : text(is)) + " now");
            }
        }
        return differences;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** A change of early stopping's metric while the checkpoint holds a best epoch chosen by the old one. */
    static Optional<String> metricChange(TrainConfig stored, EarlyStoppingState stopping, TrainConfig requested) {
        EarlyStoppingConfig.Metric was = stored.earlyStopping().metric();
        EarlyStoppingConfig.Metric is = requested.earlyStopping().metric();
        if (stopping.best().isEmpty() || !requested.earlyStopping().enabled() || was == is) {
            return Optional.empty();
        }
        return Optional.of("earlyStopping.metric: " + was + " in the checkpoint, " + is + " now, but its best epoch so far"
                + " was chosen by " + was.label());
    }

    private static ObjectNode shaping(TrainConfig config) {
        ObjectNode tree = (ObjectNode) ConfigJson.tree(config);
        tree.remove(MAY_CHANGE.stream().filter(name -> !name.equals("epochs") || !config.recipe().decaysOverTheRun()).toList());
        if (!"average".equals(config.strategy())) {
            tree.remove(List.of("averageEvery", "averaging"));
        }
        for (String nested : List.of("recipe", "transfer", "input", "averaging")) {
            if (!tree.has(nested)) {
                continue;
            }
            ObjectNode fields = (ObjectNode) tree.remove(nested);
            fields.fields().forEachRemaining(field -> tree.set(nested + "." + field.getKey(), field.getValue()));
        }
        return tree;
    }
}
