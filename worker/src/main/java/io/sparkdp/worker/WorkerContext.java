package io.sparkdp.worker;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What every task of a run needs besides its round: the run's identity and its network
 * configuration, broadcast once per run rather than shipped with each task.
 *
 * @param runId         unique id of the run; keys the executors' network pool
 * @param configurationJson the DL4J configuration as JSON, broadcast
 */
public record WorkerContext(String runId, Broadcast<String> configurationJson) implements Serializable {
    public String configuration() {
        return configurationJson.value();
    }
}
