package io.sparkdp.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The networks of recent runs, kept alive in this JVM between rounds. Building a DL4J network
 * costs far more than a round's arithmetic, so a run builds one per concurrently running task
 * slot (one per executor core) and reuses it for every round.
 * <p>
 * Lifecycle: {@link #borrow} a network for one task, then close the {@link Lease}. Networks of
 * the {@value #RUNS_KEPT} most recent runs are kept; older runs are dropped.
 */
public final class NetworkPool {
    static final int RUNS_KEPT = 4;
    private static final AtomicLong CONSTRUCTIONS = new AtomicLong();
    private static final Map<String, Deque<MultiLayerNetwork>> IDLE = new LinkedHashMap<>(8, 0.75f, true);

    private NetworkPool() {
    }

    /** A network of this run for the calling task; built only if every earlier one is in use. */
    public static Lease borrow(WorkerContext context) {
        NativeThreads.configureForTask();
        GpuBinding.bindForTask();
        MultiLayerNetwork network;
        synchronized (IDLE) {
            network = idleOf(context.runId()).pollFirst();
        }
        if (network == null) {
            network = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(context.configuration()));
            network.init();
            CONSTRUCTIONS.incrementAndGet();
        }
        return new Lease(context.runId(), network);
    }

    /** Networks built in this JVM since it started, for tests and diagnostics. */
    public static long constructions() {
        return CONSTRUCTIONS.get();
    }

    private static Deque<MultiLayerNetwork> idleOf(String runId) {
        Deque<MultiLayerNetwork> idle = IDLE.computeIfAbsent(runId, k -> new ArrayDeque<>());
        Iterator<String> eldest = IDLE.keySet().iterator();
        while (IDLE.size() > RUNS_KEPT && eldest.hasNext()) {
            if (!eldest.next().equals(runId)) {
                eldest.remove();
            }
        }
        return idle;
    }

    /** One task's use of a pooled network; closing it returns the network to the pool. */
    public static final class Lease implements AutoCloseable {
        private final String runId;
        private final MultiLayerNetwork network;

        private Lease(String runId, MultiLayerNetwork network) {
            this.runId = runId;
            this.network = network;
        }

        public MultiLayerNetwork network() {
            return network;
        }

        @Override
        public void close() {
            synchronized (IDLE) {
                idleOf(runId).addFirst(network);
            }
        }
    }
}
