package io.sparkdp.driver.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.sparkdp.worker.ClassificationMetrics;
import io.sparkdp.worker.EvaluationMetrics;
import io.sparkdp.worker.PairMetrics;
import io.sparkdp.worker.RegressionMetrics;

/** JSON for configuration records: what checkpoints, logs and tests read back. */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .addMixIn(EvaluationMetrics.class, EvaluationMetricsJson.class)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * Which kind of {@link EvaluationMetrics} a checkpoint's epoch history holds, told apart by
     * their fields, so that histories written before regression existed read unchanged.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(ClassificationMetrics.class), @JsonSubTypes.Type(RegressionMetrics.class),
            @JsonSubTypes.Type(PairMetrics.class)})
    private interface EvaluationMetricsJson {
    }

    private ConfigJson() {
    }

    public static String write(Object config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + config.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The record as a JSON tree, for looking up single fields (such as defaults for help texts). */
    public static JsonNode tree(Object config) {
        return MAPPER.valueToTree(config);
    }
}
