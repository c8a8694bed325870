package io.sparkdp.worker;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matches ND4J's native thread count to the cores Spark gives a task ({@code spark.task.cpus}).
 * ND4J's default is one OpenMP and BLAS thread per hardware thread in every task, which
 * oversubscribes the CPU as soon as two tasks share an executor.
 */
public final class NativeThreads {
    private static volatile int configured = -1;

    private NativeThreads() {
    }

    static void configureForTask() {
        TaskContext task = TaskContext.get();
        use(task == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, task.cpus()));
    }

    /**
     * Sets ND4J's OpenMP and BLAS threads for this JVM. The setting is process-wide: in local mode
     * the driver's own ND4J work (the optimizer step, a single-machine baseline) shares it.
     */
    public static void use(int threads) {
        if (threads != configured) {
            synchronized (NativeThreads.class) {
                if (threads != configured) {
                    Nd4j.getEnvironment().setMaxMasterThreads(threads);
                    Nd4j.getEnvironment().setMaxThreads(threads);
                    Nd4j.factory().blas().setMaxThreads(threads);
                    configured = threads;
                }
            }
        }
    }
}
