package io.sparkdp.driver.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One run's hold on Spark: a job group for all of the run's jobs, job descriptions a person can
 * read in the Spark UI, and the cached RDDs and broadcasts to release when the run ends. If the
 * run fails, {@link #close} first cancels whatever of the group is still running.
 */
public final class RunScope implements AutoCloseable {
    private final JavaSparkContext spark;
    private final String groupId;
    private final List<JavaRDD<?>> cached = new ArrayList<>();
    private final List<Broadcast<?>> broadcasts = new ArrayList<>();
    private boolean succeeded;

    private RunScope(JavaSparkContext spark, String groupId) {
        this.spark = spark;
        this.groupId = groupId;
    }

    public static RunScope open(JavaSparkContext spark, String groupId, String description) {
        spark.setJobGroup(groupId, description, true);
        return new RunScope(spark, groupId);
    }

    public JavaSparkContext spark() {
        return spark;
    }

    /** Labels the next jobs in the Spark UI, e.g. "epoch 3, round 17/234: aggregate gradients". */
    public void describe(String description) {
        spark.setJobDescription(description);
    }

    public <T> JavaRDD<T> keep(JavaRDD<T> rdd) {
        cached.add(rdd);
        return rdd;
    }

    public <T> Broadcast<T> broadcast(T value) {
        Broadcast<T> b = spark.broadcast(value);
        broadcasts.add(b);
        return b;
    }

    /** Marks the run as finished normally, so closing does not cancel its job group. */
    public void succeeded() {
        succeeded = true;
    }

    @Override
    public void close() {
        if (!succeeded) {
            spark.cancelJobGroup(groupId);
        }
        cached.forEach(rdd -> rdd.unpersist(false));
        broadcasts.forEach(b -> b.destroy());
        spark.clearJobGroup();
    }
}
