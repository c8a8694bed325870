package io.sparkdp.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * A byte range of one text file, read as Hadoop's {@code LineRecordReader} reads a split: the
 * lines that start in it. A file or a directory of part files is cut into splits in a fixed
 * order: files sorted by name, ranges by offset. Compressed files ({@code .gz}, ...) are one
 * split each.
 *
 * @param path   the file
 * @param start  first byte
 * @param length bytes
 */
public record TextSplit(String path, long start, long length) implements Serializable {
    /** Bytes per split of an uncompressed file: about as much as one task reads. */
    static final long SPLIT_BYTES = 64L << 20;

    /**
     * The splits of {@code root}: the file itself, or the visible non-empty files of a directory
     * (not those named {@code _*} or {@code .*}, as Spark's own writers mark metadata).
     *
     * @throws BadDataException when the path does not exist or holds no data
     */
    public static List<TextSplit> of(String root, Configuration conf) {
        try {
            Path path = new Path(root);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            FileStatus[] files = status.isDirectory()
                    ? Arrays.stream(fs.listStatus(path)).filter(s -> s.isFile() && DataFiles.visible(s.getPath().getName()))
                            .sorted(Comparator.comparing(s -> s.getPath().getName())).toArray(FileStatus[]::new)
                    : new FileStatus[] {status};
            CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
            List<TextSplit> splits = new ArrayList<>();
            for (FileStatus file : files) {
                long length = file.getLen();
                boolean whole = codecs.getCodec(file.getPath()) != null;
                for (long start = 0; start < length; start += whole ? length : SPLIT_BYTES) {
                    splits.add(new TextSplit(file.getPath().toString(), start, whole ? length : Math.min(SPLIT_BYTES, length - start)));
                }
            }
            if (splits.isEmpty()) {
                throw new BadDataException("no data in " + root + (status.isDirectory() ? ": its files are empty or hidden" : ": the file is empty"));
            }
            return splits;
        } catch (IOException | IllegalArgumentException e) {
            throw DataFiles.listingFailed(root, e);
        }
    }

    /**
     * The line breaks ({@code \n}) in this split's bytes of an uncompressed file: summed over the
     * splits before one, they number the lines before it without reading the file twice per split.
     */
    public long lineBreaks(Configuration conf) throws IOException {
        Path file = new Path(path);
        long breaks = 0;
        byte[] buffer = new byte[1 << 16];
        try (org.apache.hadoop.fs.FSDataInputStream in = file.getFileSystem(conf).open(file)) {
            in.seek(start);
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        breaks++;
                    }
                }
                left -= n;
            }
        }
        return breaks;
    }

    /** The 1-based number of the line starting at byte {@code offset} of an uncompressed file. */
    static long lineAt(FileSystem fs, Path file, long offset) throws IOException {
        long line = 1;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.open(file)) {
            long read = 0;
            while (read < offset) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line++;
                    }
                }
                read += n;
            }
        }
        return line;
    }
}
