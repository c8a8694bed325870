package io.sparkdp.data;

import org.apache.hadoop.conf.Configuration;

/**
 * Reads chosen records of an IDX pair into an {@link ExampleBlock}, streaming each file once.
 * Runs on the executor that will own the block; usable without Spark.
 */
public final class IdxShardReader {
    private IdxShardReader() {
    }

    /**
     * @param records strictly ascending record indices to keep, each below the file's record count
     * @throws IllegalArgumentException if {@code records} is out of order or out of range
     */
    public static ExampleBlock read(IdxSource source, Configuration conf, int shard, int[] records) {
        try (IdxReader images = IdxReader.open(source.images(), conf);
             IdxReader labels = IdxReader.open(source.labels(), conf)) {
            int featureSize = images.header().recordSize();
            byte[] pixels = new byte[Math.multiplyExact(records.length, featureSize)];
            byte[] classes = new byte[records.length];
            int count = images.header().count();
            for (int i = 0; i < records.length; i++) {
                // The files are streamed once: an index behind the stream or past its end would read the wrong record.
                if (records[i] < 0 || records[i] >= count) {
                    throw new IllegalArgumentException("record " + records[i] + " is outside the " + count + " records of "
                            + source.images());
                }
                if (records[i] < images.position()) {
                    throw new IllegalArgumentException("record indices must be strictly ascending: record " + records[i]
                            + " comes after record " + (images.position() - 1));
                }
                long gap = records[i] - images.position();
                images.skip(gap);
                labels.skip(gap);
                images.read(pixels, i * featureSize);
                labels.read(classes, i);
                int label = classes[i] & 0xFF;
                if (label >= source.numClasses()) {
                    throw new BadDataException("label " + label + " of record " + records[i] + " in " + source.labels()
                            + " is outside the " + source.numClasses() + " known classes");
                }
            }
            return new ExampleBlock(shard, featureSize, source.numClasses(), pixels, classes);
        }
    }
}
