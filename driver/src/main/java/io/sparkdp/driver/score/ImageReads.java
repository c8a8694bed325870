package io.sparkdp.driver.score;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.HadoopConf;
import io.sparkdp.data.ImageFolderData;
import io.sparkdp.data.ImageFolderData.ImageFile;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The image files of an {@code images:} input, listed once on the driver and read on the
 * executors one at a time, as a task consumes them. This replaces Spark's {@code binaryFile}
 * source, which profiles showed paying a {@code getFileStatus}, an {@code open} and per-task row
 * code generation for every small file before any decoding. A file that cannot be read becomes an
 * error row, like one that cannot be decoded.
 */
final class ImageReads {
    /** Files per task at most, so that a task's share of the listing stays a few megabytes however many files there are. */
    static final int MAX_FILES_PER_TASK = 65_536;

    private ImageReads() {
    }

    /**
     * The files under {@code location} in path order, in at least {@code minTasks} partitions.
     *
     * @throws BadDataException if there are none
     */
    static JavaRDD<ScoreInput> open(JavaSparkContext spark, Broadcast<HadoopConf> conf, String location, int minTasks) {
        List<ImageFile> files = ImageFolderData.listAll(location, spark.hadoopConfiguration());
        if (files.isEmpty()) {
            // most likely the wrong directory: an empty result would look like a successful run
            throw new BadDataException("no image files under " + location + " (" + String.join(", ",
                    ImageFolderData.EXTENSIONS.stream().sorted().toList()) + ", in any letter case, at any depth)");
        }
        int tasks = Math.max(1, Math.min(files.size(), Math.max(minTasks, (files.size() + MAX_FILES_PER_TASK - 1) / MAX_FILES_PER_TASK)));
        return spark.parallelize(files, tasks).mapPartitions(listed -> read(listed, conf.value()));
    }

    private static Iterator<ScoreInput> read(Iterator<ImageFile> listed, HadoopConf conf) {
        return new Iterator<>() {
            private FileSystem fs;

            @Override
            public boolean hasNext() {
                return listed.hasNext();
            }

            @Override
            public ScoreInput next() {
                ImageFile file = listed.next();
                try {
                    fs = fs != null ? fs : new Path(file.path()).getFileSystem(conf.get());
                    return new ScoreInput.Encoded(file.path(), ImageFolderData.read(fs, file));
                } catch (IOException | BadDataException e) {
                    return new ScoreInput.Unreadable(file.path(), "cannot read " + file.path() + ": " + e.getMessage());
                }
            }
        };
    }
}
