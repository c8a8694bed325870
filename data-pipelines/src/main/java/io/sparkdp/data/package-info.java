/**
 * From files on any Hadoop URI to minibatch shards on the executors: the IDX reader, the seeded
 * {@link io.sparkdp.data.ShardPlan} that decides which records each worker owns, the per-epoch
 * order, and the {@link io.sparkdp.data.Minibatch} type every strategy trains on. Records are read
 * where the shard lives; the driver only reads file headers.
 */
package io.sparkdp.data;
