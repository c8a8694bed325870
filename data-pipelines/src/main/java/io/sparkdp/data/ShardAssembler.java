package io.sparkdp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
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
        List<Tuple2<Integer, BadRecords>> tallies = source.map(b -> new Tuple2<>(b.block().size(), b.bad())).collect();
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
        JavaPairRDD<Integer, Piece> pieces = counted.source()
                .mapPartitionsWithIndex((p, blocks) -> pieces(p, blocks, offsets[p], plan), true)
                .mapToPair(t -> t);
        int shards = plan.shards();
        JavaRDD<ExampleBlock> train = assemble(pieces.filter(t -> t._1() < shards), shards, schema);
        JavaRDD<ExampleBlock> validation = assemble(pieces.filter(t -> t._1() >= shards)
                .mapToPair(t -> new Tuple2<>(t._1() - shards, t._2())), shards, schema);
        return new Split(plan, train, validation, counted.bad(), List.of(counted.source()));
    }

    private static Iterator<Tuple2<Integer, Piece>> pieces(int partition, Iterator<SourceBlock> blocks, long offset,
                                                           ShardPlan plan) {
        int[] owners = plan.owners();
        List<Tuple2<Integer, Piece>> out = new ArrayList<>();
        while (blocks.hasNext()) {
            ExampleBlock block = blocks.next().block();
            int used = (int) Math.max(0, Math.min(block.size(), plan.records() - offset));
            List<List<Integer>> byOwner = new ArrayList<>();
            IntStream.range(0, 2 * plan.shards()).forEach(i -> byOwner.add(new ArrayList<>()));
            for (int i = 0; i < used; i++) {
                byOwner.get(owners[(int) (offset + i)]).add(i);
            }
            for (int owner = 0; owner < byOwner.size(); owner++) {
                if (!byOwner.get(owner).isEmpty()) {
                    int[] rows = byOwner.get(owner).stream().mapToInt(Integer::intValue).toArray();
                    out.add(new Tuple2<>(owner, new Piece(partition, block.select(owner % plan.shards(), rows))));
                }
            }
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
