package io.sparkdp.worker;

import io.sparkdp.models.GradientClipping;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What every task of a run needs besides its round: the run's identity and its network
 * configuration, broadcast once per run rather than shipped with each task, and how local steps
 * clip their gradients.
 *
 * @param runId             unique id of the run; keys the executors' network pool
 * @param configurationJson the DL4J configuration as JSON, broadcast
 * @param clipping          gradient clipping of every step a worker takes itself (local SGD);
 *                          synchronous rounds clip the averaged gradient on the driver instead
 */
public record WorkerContext(String runId, Broadcast<String> configurationJson, GradientClipping clipping)
        implements Serializable {
    public WorkerContext {
        if (clipping == null) {
            throw new IllegalArgumentException("clipping is required; GradientClipping.none() for none");
        }
    }

    /** A context without gradient clipping. */
    public WorkerContext(String runId, Broadcast<String> configurationJson) {
        this(runId, configurationJson, GradientClipping.none());
    }

    public String configuration() {
        return configurationJson.value();
    }
}
