package io.sparkdp.data;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Consecutive records of one file, as a source partition holds them: where they start in the
 * file (a row index, or the byte where the part that held them starts) and how many there are.
 * Sorting runs by file and start gives the records' order in the files themselves, whatever
 * partitions a file scan packed them into.
 *
 * @param file   the file's path
 * @param start  the first record's place in the file, in the source's own unit
 * @param length records in the run, at least 1
 */
public record SourceRun(String file, long start, int length) implements Serializable {
    /** File order: by path, then by place in the file. */
    public static final Comparator<SourceRun> FILE_ORDER = Comparator.comparing(SourceRun::file)
            .thenComparingLong(SourceRun::start);

    public SourceRun {
        if (length < 1) {
            throw new IllegalArgumentException("a run holds at least one record, got " + length);
        }
    }
}
