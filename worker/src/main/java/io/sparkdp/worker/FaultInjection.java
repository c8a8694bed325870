package io.sparkdp.worker;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Test-only failure injection, for proving that a round survives a task that dies. Off unless
 * the Spark configuration sets {@value #FAIL_ONCE} to {@code <epoch>:<round>} (counted from 1):
 * then the first attempt of the task that computes shard 0 in that round throws, and Spark's
 * retry must produce the same result. Set to {@value #SCORE}, the first attempt of the scoring
 * task of partition 0 throws after its first minibatch, whose rows it has already counted.
 * Never set it in production.
 */
public final class FaultInjection {
    /** The Spark setting that names the round whose first attempt on shard 0 fails. */
    public static final String FAIL_ONCE = "spark.sparkdp.test.failFirstAttempt";

    private FaultInjection() {
    }

    /** The {@value #FAIL_ONCE} value that fails a scoring task; see {@link #afterScoredBatch()}. */
    public static final String SCORE = "score";

    /** Throws in the first attempt of partition 0's scoring task, if the configuration says so. */
    public static void afterScoredBatch() {
        SparkEnv env = SparkEnv.get();
        TaskContext context = TaskContext.get();
        if (env != null && context != null && context.partitionId() == 0 && context.attemptNumber() == 0
                && SCORE.equals(env.conf().get(FAIL_ONCE, ""))) {
            throw new InjectedFailure("injected failure of the first attempt of scoring partition 0 (" + FAIL_ONCE + ")");
        }
    }

    /** Throws if this task is the one the configuration says must fail. */
    public static void beforeShard(RoundTask task, int shard) {
        SparkEnv env = SparkEnv.get();
        TaskContext context = TaskContext.get();
        if (env == null || context == null || shard != 0 || context.attemptNumber() != 0) {
            return;
        }
        String target = env.conf().get(FAIL_ONCE, "");
        if (target.equals((task.epoch() + 1) + ":" + (task.round() + 1))) {
            throw new InjectedFailure("injected failure of the first attempt of epoch " + target.replace(":", ", round ")
                    + " on shard 0 (" + FAIL_ONCE + ")");
        }
    }

    /** The failure {@link #beforeShard} throws. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
