package io.sparkdp.driver.strategy;

import io.sparkdp.data.ExampleBlock;
import io.sparkdp.models.network.Network;
import io.sparkdp.worker.WorkerContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What a strategy works on in every round of a run.
 *
 * @param spark            the run's Spark context
 * @param shards           cached training shards, one block per partition
 * @param shardCount       number of shards (workers)
 * @param worker           run id and broadcast network configuration for the executors
 * @param network          the driver's network: the parameters and optimizer state of record
 * @param aggregationDepth depth of {@code treeAggregate}
 */
public record RoundContext(JavaSparkContext spark, JavaRDD<ExampleBlock> shards, int shardCount,
                           WorkerContext worker, Network network, int aggregationDepth) {
}
