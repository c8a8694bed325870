package io.sparkdp.data;

import java.io.Serializable;
import java.util.List;

/**
 * What one input partition held once read: the examples that could be read, and the records
 * skipped. Formats whose partitions follow file order leave {@code runs} empty: the partition's
 * place is its order. Formats read by a file scan that packs pieces of files into partitions in
 * its own order (Parquet, LibSVM) name the file runs the examples came from, in block order.
 *
 * @param runs the block's records as runs of files, lengths summing to the block's size; or empty
 */
public record SourceBlock(ExampleBlock block, BadRecords bad, List<SourceRun> runs) implements Serializable {
    public SourceBlock {
        runs = List.copyOf(runs);
        if (!runs.isEmpty() && runs.stream().mapToLong(SourceRun::length).sum() != block.size()) {
            throw new IllegalArgumentException("runs of " + runs.stream().mapToLong(SourceRun::length).sum()
                    + " records for a block of " + block.size());
        }
    }

    /** A block in its partition's order. */
    public SourceBlock(ExampleBlock block, BadRecords bad) {
        this(block, bad, List.of());
    }
}
