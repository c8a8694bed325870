package io.sparkdp.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The numbers a report's charts show, as the page reads them: per-round and per-epoch series in
 * columns, the round-time breakdown averaged over at most {@code maxBars} groups of consecutive
 * rounds, and the last validation's confusion matrix.
 */
final class ReportData {
    static final String[] PHASES = {"broadcast", "compute", "aggregate", "update"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportData() {
    }

    static ObjectNode of(RunMetrics metrics, int maxBars) {
        ObjectNode data = JSON.createObjectNode();
        data.set("rounds", rounds(metrics));
        data.set("epochs", epochs(metrics.epochs()));
        data.set("phases", phases(metrics.rounds(), maxBars));
        for (int i = metrics.epochs().size() - 1; i >= 0; i--) {
            JsonNode validation = metrics.epochs().get(i).path("validation");
            if (validation.has("confusion")) {
                ObjectNode confusion = data.putObject("confusion");
                confusion.put("epoch", metrics.epochs().get(i).path("epoch").asInt());
                confusion.set("matrix", validation.get("confusion"));
                break;
            }
        }
        return data;
    }

    /** Per round: position in epochs (epoch 2, round 5 of 10 is 1.5), loss, rate, throughput, seconds since the start. */
    private static ObjectNode rounds(RunMetrics metrics) {
        ObjectNode columns = JSON.createObjectNode();
        ArrayNode x = columns.putArray("epoch");
        ArrayNode loss = columns.putArray("loss");
        ArrayNode lr = columns.putArray("lr");
        ArrayNode speed = columns.putArray("samples_per_s");
        ArrayNode elapsed = columns.putArray("elapsed_s");
        Instant start = time(metrics.run());
        for (JsonNode round : metrics.rounds()) {
            int rounds = Math.max(1, round.path("rounds").asInt(1));
            x.add(round.path("epoch").asInt() - 1 + round.path("round").asDouble() / rounds);
            loss.add(round.path("loss"));
            lr.add(round.path("lr"));
            speed.add(round.path("samples_per_s"));
            Instant at = time(round);
            if (start != null && at != null) {
                elapsed.add(Duration.between(start, at).toMillis() / 1e3);
            } else {
                elapsed.addNull();
            }
        }
        return columns;
    }

    private static ObjectNode epochs(List<JsonNode> epochs) {
        ObjectNode columns = JSON.createObjectNode();
        ArrayNode epoch = columns.putArray("epoch");
        ArrayNode trainLoss = columns.putArray("train_loss");
        ArrayNode speed = columns.putArray("samples_per_s");
        String[] validation = {"loss", "log_loss", "accuracy", "top_k_accuracy", "precision", "recall", "f1"};
        ArrayNode[] validationColumns = new ArrayNode[validation.length];
        for (int i = 0; i < validation.length; i++) {
            validationColumns[i] = columns.putArray("validation_" + validation[i]);
        }
        for (JsonNode line : epochs) {
            epoch.add(line.path("epoch").asInt());
            trainLoss.add(line.path("train_loss"));
            speed.add(line.path("samples_per_s"));
            for (int i = 0; i < validation.length; i++) {
                JsonNode value = line.path("validation").path(validation[i]);
                validationColumns[i].add(value.isNumber() ? value : JSON.nullNode());
            }
        }
        return columns;
    }

    /** Mean milliseconds per phase over groups of consecutive rounds, labelled by their first and last round. */
    private static ObjectNode phases(List<JsonNode> rounds, int maxBars) {
        ObjectNode columns = JSON.createObjectNode();
        ArrayNode labels = columns.putArray("label");
        ArrayNode[] series = new ArrayNode[PHASES.length];
        for (int p = 0; p < PHASES.length; p++) {
            series[p] = columns.putArray(PHASES[p]);
        }
        int group = Math.max(1, (rounds.size() + maxBars - 1) / maxBars);
        for (int from = 0; from < rounds.size(); from += group) {
            int to = Math.min(rounds.size(), from + group);
            labels.add(label(rounds.get(from)) + (to - from > 1 ? " to " + label(rounds.get(to - 1)) : ""));
            for (int p = 0; p < PHASES.length; p++) {
                double sum = 0;
                for (JsonNode round : rounds.subList(from, to)) {
                    sum += round.path("ms").path(PHASES[p]).asDouble();
                }
                series[p].add(sum / (to - from));
            }
        }
        return columns;
    }

    private static String label(JsonNode round) {
        return "e" + round.path("epoch").asInt() + " r" + round.path("round").asInt();
    }

    private static Instant time(JsonNode line) {
        try {
            return line.has("time") ? Instant.parse(line.get("time").asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
