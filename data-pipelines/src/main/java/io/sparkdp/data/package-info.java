/**
 * From files on any Hadoop URI to minibatch shards on the executors. {@link io.sparkdp.data.InputFormats}
 * opens a spec by its prefix ({@code idx:}, {@code images:}, {@code csv:}, {@code libsvm:},
 * {@code parquet:}, {@code csvseq:}) as an {@link io.sparkdp.data.InputData}; the seeded
 * {@link io.sparkdp.data.ShardPlan} decides which records each worker owns, and
 * {@link io.sparkdp.data.ShardAssembler} deals formats read in their own partitions into those
 * shards. {@link io.sparkdp.data.ExampleBlock} holds a shard compactly, with its
 * {@link io.sparkdp.data.Normalizer}, and cuts the {@link io.sparkdp.data.Minibatch} every strategy
 * trains on; sequences are padded to one length and carry their real lengths
 * ({@link io.sparkdp.data.Steps}) for the masks. Records are read on the executors; the driver lists files and reads headers.
 */
package io.sparkdp.data;
