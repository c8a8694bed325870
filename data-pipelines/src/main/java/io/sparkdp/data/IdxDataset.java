package io.sparkdp.data;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * An IDX pair opened on the driver (headers only) and turned into RDDs of one
 * {@link ExampleBlock} per partition, each read by the executor that computes it. The driver
 * never sees a record.
 */
public final class IdxDataset {
    private final IdxSource source;
    private final IdxHeader images;

    private IdxDataset(IdxSource source, IdxHeader images) {
        this.source = source;
        this.images = images;
    }

    /** Reads and cross-checks both headers. */
    public static IdxDataset open(IdxSource source, Configuration conf) {
        IdxHeader images = IdxReader.header(source.images(), conf);
        IdxHeader labels = IdxReader.header(source.labels(), conf);
        if (images.dims().length != 3) {
            throw new BadDataException("expected images of rank 3 (count, rows, columns) in " + source.images()
                    + ", found rank " + images.dims().length);
        }
        if (labels.dims().length != 1) {
            throw new BadDataException("expected labels of rank 1 in " + source.labels() + ", found rank " + labels.dims().length);
        }
        if (images.count() != labels.count()) {
            throw new BadDataException(source.images() + " holds " + images.count() + " images but " + source.labels()
                    + " holds " + labels.count() + " labels");
        }
        return new IdxDataset(source, images);
    }

    public IdxSource source() {
        return source;
    }

    public int records() {
        return images.count();
    }

    public int height() {
        return images.dims()[1];
    }

    public int width() {
        return images.dims()[2];
    }

    /** The training shards of the plan, one block per partition, cached where they are read. */
    public JavaRDD<ExampleBlock> trainShards(JavaSparkContext sc, ShardPlan plan) {
        return blocks(sc, plan, false).setName("sparkdp train shards of " + source.images());
    }

    /** The validation part of the plan, split across the same number of partitions. */
    public JavaRDD<ExampleBlock> validationShards(JavaSparkContext sc, ShardPlan plan) {
        return blocks(sc, plan, true).setName("sparkdp validation shards of " + source.images());
    }

    /** Every record, in {@code parts} partitions, for evaluation. */
    public JavaRDD<ExampleBlock> allShards(JavaSparkContext sc, int parts) {
        return blocks(sc, wholePlan(parts), false).setName("sparkdp records of " + source.images());
    }

    /**
     * The plan {@link #allShards} splits the records by: block {@code b} holds records
     * {@code wholePlan(parts).trainShard(b)}, ascending.
     */
    public ShardPlan wholePlan(int parts) {
        return new ShardPlan(records(), 0, Math.min(parts, records()), 0L);
    }

    private JavaRDD<ExampleBlock> blocks(JavaSparkContext sc, ShardPlan plan, boolean validation) {
        if (plan.records() > records()) {
            throw new IllegalArgumentException("plan covers " + plan.records() + " records, file has " + records());
        }
        IdxSource src = source;
        // Broadcast, not captured: every later job over these blocks ships their lineage, closure
        // included, and a captured Configuration (hundreds of properties) would travel every round.
        Broadcast<HadoopConf> conf = sc.broadcast(new HadoopConf(sc.hadoopConfiguration()));
        List<Integer> shards = IntStream.range(0, plan.shards()).boxed().collect(Collectors.toList());
        return sc.parallelize(shards, plan.shards())
                .map(shard -> IdxShardReader.read(src, conf.value().get(), shard,
                        validation ? plan.validationShard(shard) : plan.trainShard(shard)))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Reads one training shard in this JVM; for tests and single-machine references. */
    public ExampleBlock readTrainShard(Configuration conf, ShardPlan plan, int shard) {
        return IdxShardReader.read(source, conf, shard, plan.trainShard(shard));
    }
}
