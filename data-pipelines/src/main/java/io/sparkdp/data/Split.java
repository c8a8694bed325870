package io.sparkdp.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * A data set divided for training: one block per training shard, the validation records in as
 * many parts, and the plan that says which records went where.
 *
 * @param plan          the division, in record counts
 * @param train         one block per shard, {@code plan.shards()} partitions
 * @param validation    the held-out records, {@code plan.shards()} partitions (empty blocks when none)
 * @param bad           records that could not be read and were left out
 * @param intermediates cached RDDs that only fed the two above: unpersist them once both are loaded
 */
public record Split(ShardPlan plan, JavaRDD<ExampleBlock> train, JavaRDD<ExampleBlock> validation,
                    BadRecords bad, List<JavaRDD<?>> intermediates) {
    public Split {
        intermediates = List.copyOf(intermediates);
    }

    /** Frees what only the loading needed. */
    public void releaseIntermediates() {
        intermediates.forEach(rdd -> rdd.unpersist(false));
    }
}
