package io.sparkdp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Turns a data set read partition by partition, in whatever partitions its files fall into,
 * into the balanced shards of a {@link ShardPlan}. Record {@code i} is the {@code i}-th record
 * in input order (partition by partition), so the same files and seed give the same shards.
 * <p>
 * The source is read once and kept in serialized form; one pass counts each partition's
 * records (and the bad ones), then each partition sends every shard its records in one piece
 * through one shuffle, and each shard joins its pieces in input order. Nothing passes through
 * the driver but the counts.
 */
public final class ShardAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(ShardAssembler.class);

    private ShardAssembler() {
    }

    /** The records of one source partition bound for one shard. */
    public record Piece(int source, ExampleBlock block) implements Serializable {
    }

    /** A source read and counted: its blocks, the records before each partition, and what was skipped. */
    public record Counted(JavaRDD<SourceBlock> source, long[] offsets, long records, BadRecords bad) {
        /** The readable records as blocks, in input order, one per source partition. */
        public JavaRDD<ExampleBlock> blocks() {
            return source.map(SourceBlock::block);
        }
    }

    /**
     * Caches and counts {@code source}, failing when more than {@code maxBadFraction} of its records
     * could not be read and logging the ones skipped otherwise.
     */
    public static Counted count(JavaRDD<SourceBlock> source, double maxBadFraction, String spec) {
        source.persist(StorageLevel.MEMORY_AND_DISK_SER());
        // One tally per partition, whatever number of blocks it holds: offsets are indexed by partition.
        List<Tuple2<Integer, BadRecords>> tallies = source.mapPartitions(blocks -> {
            int size = 0;
            BadRecords skipped = BadRecords.none();
            while (blocks.hasNext()) {
                SourceBlock block = blocks.next();
                size += block.block().size();
                skipped = skipped.merge(block.bad());
            }
            return List.of(new Tuple2<>(size, skipped)).iterator();
        }).collect();
        long[] offsets = new long[tallies.size()];
        long records = 0;
        BadRecords bad = BadRecords.none();
        for (int p = 0; p < tallies.size(); p++) {
            offsets[p] = records;
            records += tallies.get(p)._1();
            bad = bad.merge(tallies.get(p)._2());
        }
        bad.check(records, maxBadFraction, spec);
        if (bad.count() > 0) {
            LOG.warn(bad.summary(spec));
        }
        return new Counted(source, offsets, records, bad);
    }

    /** Deals the counted records into the shards and validation parts of {@code request}'s plan. */
    public static Split split(Counted counted, SplitRequest request, DataSchema schema) {
        if (counted.records() > Integer.MAX_VALUE) {
            throw new BadDataException("data sets of more than " + Integer.MAX_VALUE + " records are not supported");
        }
        ShardPlan plan = request.plan((int) counted.records());
        long[] offsets = counted.offsets();
        int shards = plan.shards();
        JavaRDD<ExampleBlock> train = assemble(counted.source()
                .mapPartitionsWithIndex((p, blocks) -> pieces(p, blocks, offsets[p], plan, false), true)
                .mapToPair(t -> t), shards, schema);
        JavaRDD<ExampleBlock> validation = assemble(counted.source()
                .mapPartitionsWithIndex((p, blocks) -> pieces(p, blocks, offsets[p], plan, true), true)
                .mapToPair(t -> t), shards, schema);
        return new Split(plan, train, validation, counted.bad(), List.of(counted.source()));
    }

    /**
     * The records of one source partition bound for each training shard (or, with
     * {@code validation}, each validation part), keyed by shard: each shuffle selects only its own.
     */
    private static Iterator<Tuple2<Integer, Piece>> pieces(int partition, Iterator<SourceBlock> blocks, long offset,
                                                           ShardPlan plan, boolean validation) {
        int[] owners = plan.owners();
        int shards = plan.shards();
        int first = validation ? shards : 0;
        List<Tuple2<Integer, Piece>> out = new ArrayList<>();
        long at = offset;
        while (blocks.hasNext()) {
            ExampleBlock block = blocks.next().block();
            int used = (int) Math.max(0, Math.min(block.size(), plan.records() - at));
            int[] counts = new int[shards];
            for (int i = 0; i < used; i++) {
                int shard = owners[(int) (at + i)] - first;
                if (shard >= 0 && shard < shards) {
                    counts[shard]++;
                }
            }
            int[][] rows = new int[shards][];
            for (int shard = 0; shard < shards; shard++) {
                rows[shard] = new int[counts[shard]];
            }
            int[] filled = new int[shards];
            for (int i = 0; i < used; i++) {
                int shard = owners[(int) (at + i)] - first;
                if (shard >= 0 && shard < shards) {
                    rows[shard][filled[shard]++] = i;
                }
            }
            for (int shard = 0; shard < shards; shard++) {
                if (rows[shard].length > 0) {
                    out.add(new Tuple2<>(shard, new Piece(partition, block.select(shard, rows[shard]))));
                }
            }
            at += block.size();
        }
        return out.iterator();
    }

    private static JavaRDD<ExampleBlock> assemble(JavaPairRDD<Integer, Piece> pieces, int shards, DataSchema schema) {
        int featureSize = schema.featureSize();
        Labels none = Labels.emptyOf(schema);
        return pieces.partitionBy(new ShardPartitioner(shards))
                .mapPartitionsWithIndex((shard, it) -> {
                    List<Piece> mine = new ArrayList<>();
                    it.forEachRemaining(t -> mine.add(t._2()));
                    mine.sort(Comparator.comparingInt(Piece::source));
                    List<ExampleBlock> parts = mine.stream().map(Piece::block).toList();
                    return List.of(ExampleBlock.concat(shard, featureSize, none, parts)).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }
}
