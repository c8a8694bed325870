package io.sparkdp.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import io.sparkdp.models.network.Network;
import io.sparkdp.models.network.NetworkConfiguration;
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
    private static final Map<String, Deque<Network>> IDLE = new LinkedHashMap<>(8, 0.75f, true);

    private NetworkPool() {
    }

    /** A network of this run for the calling task; built only if every earlier one is in use. */
    public static Lease borrow(WorkerContext context) {
        NativeThreads.configureForTask();
        GpuBinding.bindForTask();
        Network network;
        synchronized (IDLE) {
            network = idleOf(context.runId()).pollFirst();
        }
        if (network == null) {
            network = NetworkConfiguration.fromJson(context.configuration()).build();
            CONSTRUCTIONS.incrementAndGet();
        }
        return new Lease(context.runId(), network);
    }

    /** Networks built in this JVM since it started, for tests and diagnostics. */
    public static long constructions() {
        return CONSTRUCTIONS.get();
    }

    private static Deque<Network> idleOf(String runId) {
        Deque<Network> idle = IDLE.computeIfAbsent(runId, k -> new ArrayDeque<>());
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
        private final Network network;

        private Lease(String runId, Network network) {
            this.runId = runId;
            this.network = network;
        }

        /** The leased network. */
        public Network model() {
            return network;
        }

        /**
         * The leased network as a {@code MultiLayerNetwork}, for callers that read only those.
         *
         * @throws IllegalStateException when the run's network is a computation graph
         */
        public MultiLayerNetwork network() {
            return network.asMultiLayer();
        }

        @Override
        public void close() {
            synchronized (IDLE) {
                idleOf(runId).addFirst(network);
            }
        }
    }
}
