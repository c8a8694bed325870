package io.sparkdp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
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
 * in input order: partition by partition, or, where the source names the file runs its blocks
 * hold ({@link SourceBlock#runs}), in the files' own order whatever partitions a scan packed
 * them into; so the same files and seed give the same shards.
 * <p>
 * The source is read once and kept in serialized form; one pass counts each partition's
 * records (and the bad ones), then each partition sends every shard its records in one piece
 * through one shuffle, and each shard puts its pieces' records in input order. Nothing passes
 * through the driver but the counts and runs.
 */
public final class ShardAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(ShardAssembler.class);

    private ShardAssembler() {
    }

    /** The records of one source partition bound for one shard, and the input-order index of each. */
    public record Piece(int source, ExampleBlock block, int[] indices) implements Serializable {
    }

    /** What one source partition held: its records, the bad ones, and its file runs (empty when in partition order). */
    private record Tally(int size, BadRecords bad, List<SourceRun> runs) implements Serializable {
    }

    /**
     * The input-order indices of one source partition's records: runs of consecutive indices,
     * in the partition's own order.
     */
    public record Layout(long[] starts, int[] lengths) implements Serializable {
        /** The index of each of the partition's {@code size} records. */
        int[] indices(int size) {
            int[] indices = new int[size];
            int at = 0;
            for (int r = 0; r < starts.length; r++) {
                for (int k = 0; k < lengths[r]; k++) {
                    indices[at++] = Math.toIntExact(starts[r] + k);
                }
            }
            if (at != size) {
                throw new IllegalStateException("a partition laid out for " + at + " records holds " + size);
            }
            return indices;
        }
    }

    /** A source read and counted: its blocks, where each partition's records stand in input order, and what was skipped. */
    public record Counted(JavaRDD<SourceBlock> source, Layout[] layouts, long records, BadRecords bad) {
        /** The readable records as blocks, one per source partition (in file order only where the source has no runs). */
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
        // One tally per partition, whatever number of blocks it holds: layouts are indexed by partition.
        List<Tally> tallies = source.mapPartitions(blocks -> {
            int size = 0;
            BadRecords skipped = BadRecords.none();
            List<SourceRun> runs = new ArrayList<>();
            while (blocks.hasNext()) {
                SourceBlock block = blocks.next();
                size += block.block().size();
                skipped = skipped.merge(block.bad());
                runs.addAll(block.runs());
            }
            return List.of(new Tally(size, skipped, runs)).iterator();
        }).collect();
        BadRecords bad = BadRecords.none();
        long records = 0;
        for (Tally tally : tallies) {
            bad = bad.merge(tally.bad());
            records += tally.size();
        }
        bad.check(records, maxBadFraction, spec);
        if (bad.count() > 0) {
            LOG.warn(bad.summary(spec));
        }
        boolean byFile = tallies.stream().anyMatch(t -> !t.runs().isEmpty());
        return new Counted(source, byFile ? fileOrder(tallies) : partitionOrder(tallies), records, bad);
    }

    /** Partition after partition. */
    private static Layout[] partitionOrder(List<Tally> tallies) {
        Layout[] layouts = new Layout[tallies.size()];
        long at = 0;
        for (int p = 0; p < layouts.length; p++) {
            int size = tallies.get(p).size();
            layouts[p] = new Layout(new long[] {at}, new int[] {size});
            at += size;
        }
        return layouts;
    }

    /** The runs of every partition in file order (ties, which a source should not have, in partition order). */
    private static Layout[] fileOrder(List<Tally> tallies) {
        record Placed(int partition, int run, SourceRun source) {
        }
        List<Placed> all = new ArrayList<>();
        for (int p = 0; p < tallies.size(); p++) {
            List<SourceRun> runs = tallies.get(p).runs();
            for (int r = 0; r < runs.size(); r++) {
                all.add(new Placed(p, r, runs.get(r)));
            }
        }
        all.sort(Comparator.comparing(Placed::source, SourceRun.FILE_ORDER));
        long[][] starts = new long[tallies.size()][];
        for (int p = 0; p < starts.length; p++) {
            starts[p] = new long[tallies.get(p).runs().size()];
        }
        long at = 0;
        for (Placed placed : all) {
            starts[placed.partition()][placed.run()] = at;
            at += placed.source().length();
        }
        Layout[] layouts = new Layout[tallies.size()];
        for (int p = 0; p < layouts.length; p++) {
            layouts[p] = new Layout(starts[p], tallies.get(p).runs().stream().mapToInt(SourceRun::length).toArray());
        }
        return layouts;
    }

    /** Deals the counted records into the shards and validation parts of {@code request}'s plan. */
    public static Split split(Counted counted, SplitRequest request, DataSchema schema) {
        if (counted.records() > Integer.MAX_VALUE) {
            throw new BadDataException("data sets of more than " + Integer.MAX_VALUE + " records are not supported");
        }
        ShardPlan plan = request.plan((int) counted.records());
        Layout[] layouts = counted.layouts();
        int shards = plan.shards();
        JavaRDD<ExampleBlock> train = assemble(counted.source()
                .mapPartitionsWithIndex((p, blocks) -> pieces(p, blocks, layouts[p], plan, false), true)
                .mapToPair(t -> t), shards, schema);
        JavaRDD<ExampleBlock> validation = assemble(counted.source()
                .mapPartitionsWithIndex((p, blocks) -> pieces(p, blocks, layouts[p], plan, true), true)
                .mapToPair(t -> t), shards, schema);
        return new Split(plan, train, validation, counted.bad(), List.of(counted.source()));
    }

    /**
     * The records of one source partition bound for each training shard (or, with
     * {@code validation}, each validation part), keyed by shard: each shuffle selects only its own.
     */
    private static Iterator<Tuple2<Integer, Piece>> pieces(int partition, Iterator<SourceBlock> blocks, Layout layout,
                                                           ShardPlan plan, boolean validation) {
        List<ExampleBlock> held = new ArrayList<>();
        blocks.forEachRemaining(b -> held.add(b.block()));
        int[] global = layout.indices(held.stream().mapToInt(ExampleBlock::size).sum());
        int[] owners = plan.owners();
        int shards = plan.shards();
        int first = validation ? shards : 0;
        List<Tuple2<Integer, Piece>> out = new ArrayList<>();
        int at = 0;
        for (ExampleBlock block : held) {
            int[] shardOf = new int[block.size()];
            int[] counts = new int[shards];
            for (int i = 0; i < block.size(); i++) {
                int g = global[at + i];
                int shard = g < plan.records() ? owners[g] - first : -1;
                shardOf[i] = shard >= 0 && shard < shards ? shard : -1;
                if (shardOf[i] >= 0) {
                    counts[shardOf[i]]++;
                }
            }
            int[][] rows = new int[shards][];
            int[][] indices = new int[shards][];
            for (int shard = 0; shard < shards; shard++) {
                rows[shard] = new int[counts[shard]];
                indices[shard] = new int[counts[shard]];
            }
            int[] filled = new int[shards];
            for (int i = 0; i < block.size(); i++) {
                int shard = shardOf[i];
                if (shard >= 0) {
                    indices[shard][filled[shard]] = global[at + i];
                    rows[shard][filled[shard]++] = i;
                }
            }
            for (int shard = 0; shard < shards; shard++) {
                if (rows[shard].length > 0) {
                    out.add(new Tuple2<>(shard, new Piece(partition, block.select(shard, rows[shard]), indices[shard])));
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
                    ExampleBlock joined = ExampleBlock.concat(shard, featureSize, none, parts);
                    int[] order = inputOrder(mine);
                    return List.of(order == null ? joined : joined.select(shard, order)).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The permutation that puts the pieces' records, joined in source order, in input order; null if they already are. */
    private static int[] inputOrder(List<Piece> pieces) {
        long[] keys = new long[pieces.stream().mapToInt(p -> p.indices().length).sum()];
        int at = 0;
        boolean sorted = true;
        for (Piece piece : pieces) {
            for (int index : piece.indices()) {
                sorted &= at == 0 || index > (int) (keys[at - 1] >>> 32);
                keys[at] = (long) index << 32 | at;
                at++;
            }
        }
        if (sorted) {
            return null;
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
