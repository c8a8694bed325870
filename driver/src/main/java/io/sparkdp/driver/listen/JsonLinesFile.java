package io.sparkdp.driver.listen;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * A text file on any Hadoop FileSystem that grows a line at a time and that a later process can
 * continue. One stream stays open; each line is written whole and then {@code hflush}ed where
 * the stream can (HDFS: readers see it at once; local files: it is in the OS). Continuing an
 * existing file appends where the file system can ({@code hdfs:}, local files, written without
 * Hadoop's {@code .crc} side files so that they can grow). Elsewhere (object stores) the old
 * content is copied into a new file, which readers see when it is closed.
 */
final class JsonLinesFile implements Closeable {
    private static final long LEASE_WAIT_MILLIS = 60_000;

    private final FSDataOutputStream out;
    private final boolean continued;
    private final boolean flushes;

    private JsonLinesFile(FSDataOutputStream out, boolean continued) {
        this.out = out;
        this.continued = continued;
        this.flushes = out.hasCapability(StreamCapabilities.HFLUSH);
    }

    /**
     * Opens {@code path}, creating its directory. With {@code continueExisting} an existing file
     * is continued, else it is replaced.
     */
    static JsonLinesFile open(Configuration conf, Path path, boolean continueExisting) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRaw();
        }
        return open(fs, path, continueExisting);
    }

    /** As {@link #open(Configuration, Path, boolean)}, on exactly the file system given. */
    static JsonLinesFile open(FileSystem fs, Path path, boolean continueExisting) throws IOException {
        fs.mkdirs(path.getParent());
        if (!continueExisting || !fs.exists(path)) {
            return new JsonLinesFile(fs.create(path, true), false);
        }
        if (fs.hasPathCapability(path, CommonPathCapabilities.FS_APPEND)) {
            recoverLease(fs, path);
            boolean partial = !endsWithNewline(fs, path);
            FSDataOutputStream out = fs.append(path);
            if (partial) {
                // A writer died mid-line: end that line, so the fragment stands alone and the next line parses.
                out.write('\n');
            }
            return new JsonLinesFile(out, true);
        }
        byte[] old;
        try (InputStream in = fs.open(path)) {
            old = in.readAllBytes();
        }
        FSDataOutputStream out = fs.create(path, true);
        out.write(old);
        if (old.length > 0 && old[old.length - 1] != '\n') {
            out.write('\n');
        }
        return new JsonLinesFile(out, true);
    }

    /** Whether an existing file was continued rather than started. */
    boolean continued() {
        return continued;
    }

    /** Writes {@code line} and a newline, and makes them visible to readers where the stream can. */
    void append(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            if (flushes) {
                out.hflush();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * On HDFS a driver that died still holds the file's lease for up to an hour: take it over, so
     * that the append does not fail with "already being created".
     */
    private static void recoverLease(FileSystem fs, Path path) throws IOException {
        if (!(fs instanceof DistributedFileSystem hdfs) || hdfs.recoverLease(path)) {
            return;
        }
        long deadline = System.currentTimeMillis() + LEASE_WAIT_MILLIS;
        while (!hdfs.isFileClosed(path)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("HDFS did not release the lease on " + path + " within " + LEASE_WAIT_MILLIS / 1000 + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while recovering the lease on " + path, e);
            }
        }
    }

    private static boolean endsWithNewline(FileSystem fs, Path path) throws IOException {
        long length = fs.getFileStatus(path).getLen();
        if (length == 0) {
            return true;
        }
        try (FSDataInputStream in = fs.open(path)) {
            in.seek(length - 1);
            return in.read() == '\n';
        }
    }
}
