package io.sparkdp.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.factory.Nd4j;

// TODO(issue 4): replace with io.sparkdp.driver.checkpoint.Provenance, which also records the
// sparkdp commit and the data URIs with their record counts.
/** What can be said cheaply about where a run comes from, for the metrics file's first line. */
final class RunEnvironment {
    private RunEnvironment() {
    }

    static JsonNode describe(JavaSparkContext spark) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        String version = RunEnvironment.class.getPackage().getImplementationVersion();
        if (version != null) {
            node.put("sparkdp", version);
        }
        node.put("spark", spark.version());
        node.put("master", spark.master());
        node.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        node.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return node;
    }
}
