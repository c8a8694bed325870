package io.sparkdp.data;

import org.apache.spark.Partitioner;

/** Sends a piece keyed by shard number {@code s} to partition {@code s}. */
final class ShardPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int shards;

    ShardPartitioner(int shards) {
        this.shards = shards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPartitioner p && p.shards == shards;
    }

    @Override
    public int hashCode() {
        return shards;
    }
}
