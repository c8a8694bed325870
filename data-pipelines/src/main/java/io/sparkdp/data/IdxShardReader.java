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
     * @param records ascending record indices to keep
     */
    public static ExampleBlock read(IdxSource source, Configuration conf, int shard, int[] records) {
        try (IdxReader images = IdxReader.open(source.images(), conf);
             IdxReader labels = IdxReader.open(source.labels(), conf)) {
            int featureSize = images.header().recordSize();
            byte[] pixels = new byte[Math.multiplyExact(records.length, featureSize)];
            byte[] classes = new byte[records.length];
            for (int i = 0; i < records.length; i++) {
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
