package io.sparkdp.worker;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matches ND4J's native thread count to the cores Spark gives a task ({@code spark.task.cpus}).
 * ND4J's default is one OpenMP and BLAS thread per hardware thread in every task, which
 * oversubscribes the CPU as soon as two tasks share an executor.
 */
final class NativeThreads {
    private static volatile int configured = -1;

    private NativeThreads() {
    }

    static void configureForTask() {
        TaskContext task = TaskContext.get();
        int cpus = task == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, task.cpus());
        if (cpus != configured) {
            synchronized (NativeThreads.class) {
                if (cpus != configured) {
                    Nd4j.getEnvironment().setMaxMasterThreads(cpus);
                    Nd4j.getEnvironment().setMaxThreads(cpus);
                    Nd4j.factory().blas().setMaxThreads(cpus);
                    configured = cpus;
                }
            }
        }
    }
}
