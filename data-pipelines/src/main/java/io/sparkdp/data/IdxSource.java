package io.sparkdp.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A pair of IDX files, images and labels, on any Hadoop URI.
 * <p>
 * Users name it as {@code idx:<images>,<labels>}, or as {@code idx:<dir>} for a directory laid out
 * as the MNIST family ships: {@code train-images*}/{@code train-labels*} for training and
 * {@code t10k-images*}/{@code t10k-labels*} for testing, gzip-compressed or not.
 *
 * @param images     URI of the images file
 * @param labels     URI of the labels file
 * @param numClasses number of classes the labels may index
 */
public record IdxSource(String images, String labels, int numClasses) implements Serializable {
    public static final String PREFIX = "idx:";
    /** The MNIST family has ten classes. */
    public static final int DEFAULT_CLASSES = 10;

    /** Which pair of a directory's files a spec means. */
    public enum Part {
        TRAIN("train"), TEST("t10k");

        private final String filePrefix;

        Part(String filePrefix) {
            this.filePrefix = filePrefix;
        }
    }

    public IdxSource {
        if (numClasses < 2 || numClasses > 256) {
            throw new IllegalArgumentException("IDX labels are bytes: 2 to 256 classes, got " + numClasses);
        }
    }

    /**
     * Resolves a user's {@code --data} value.
     *
     * @throws BadDataException with a one-line reason when the spec is malformed or a file is missing
     */
    public static IdxSource resolve(String spec, Part part, Configuration conf) {
        if (spec == null || spec.isBlank()) {
            throw new BadDataException("no data given: use idx:<dir> or idx:<images>,<labels>");
        }
        if (!spec.startsWith(PREFIX)) {
            int colon = spec.indexOf(':');
            String prefix = colon > 0 && !spec.substring(0, colon).contains("/") ? "'" + spec.substring(0, colon + 1) + "'" : "no prefix";
            throw new BadDataException("unsupported data format " + prefix + " in '" + spec
                    + "': sparkdp reads idx:<dir> or idx:<images>,<labels>");
        }
        String rest = spec.substring(PREFIX.length());
        String[] parts = rest.split(",", -1);
        if (parts.length == 2) {
            requireFile(parts[0], conf);
            requireFile(parts[1], conf);
            return new IdxSource(parts[0], parts[1], DEFAULT_CLASSES);
        }
        if (parts.length != 1 || rest.isBlank()) {
            throw new BadDataException("malformed IDX spec '" + spec + "': use idx:<dir> or idx:<images>,<labels>");
        }
        return inDirectory(rest, part, conf);
    }

    private static IdxSource inDirectory(String dir, Part part, Configuration conf) {
        FileStatus[] files = list(dir, conf);
        String images = find(files, part.filePrefix + "-images").orElseThrow(() -> new BadDataException(
                "no " + part.filePrefix + "-images* file in " + dir));
        String labels = find(files, part.filePrefix + "-labels").orElseThrow(() -> new BadDataException(
                "no " + part.filePrefix + "-labels* file in " + dir));
        return new IdxSource(images, labels, DEFAULT_CLASSES);
    }

    private static Optional<String> find(FileStatus[] files, String prefix) {
        return Arrays.stream(files)
                .filter(FileStatus::isFile)
                .map(FileStatus::getPath)
                .filter(p -> p.getName().startsWith(prefix))
                .map(Path::toString)
                .sorted()
                .findFirst();
    }

    private static FileStatus[] list(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                throw new BadDataException(dir + " is a file; use idx:<dir> for a directory or idx:<images>,<labels> for a pair");
            }
            return fs.listStatus(path);
        } catch (FileNotFoundException e) {
            throw new BadDataException("data path does not exist: " + dir);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadDataException("cannot list data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void requireFile(String uri, Configuration conf) {
        try {
            Path path = new Path(uri);
            if (!path.getFileSystem(conf).getFileStatus(path).isFile()) {
                throw new BadDataException("not a file: " + uri);
            }
        } catch (FileNotFoundException e) {
            throw new BadDataException("data path does not exist: " + uri);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadDataException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + images + "," + labels;
    }
}
