package io.sparkdp.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Streams the records of one IDX file on any Hadoop file system, gzip-compressed or raw (told
 * apart by the gzip magic bytes, not the name). Every format error names the file and the
 * record; a truncated file is reported, never padded.
 */
public final class IdxReader implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final DataInputStream in;
    private final IdxHeader header;
    private long position;

    private IdxReader(String name, InputStream raw) throws IOException {
        this.name = name;
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
        this.in = new DataInputStream(body);
        this.header = readHeader();
    }

    /** Opens the file and reads its header. */
    public static IdxReader open(String uri, Configuration conf) {
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            InputStream stream = fs.open(path);
            try {
                return new IdxReader(uri, stream);
            } catch (IOException | RuntimeException e) {
                // A refused file must not keep its descriptor (or HDFS connection) open.
                try {
                    stream.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (FileNotFoundException e) {
            throw new BadDataException("IDX file not found: " + uri);
        } catch (BadDataException e) {
            throw e;
        } catch (IOException e) {
            throw new BadDataException("cannot read IDX file " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Just the header of an IDX file. */
    public static IdxHeader header(String uri, Configuration conf) {
        try (IdxReader reader = open(uri, conf)) {
            return reader.header();
        }
    }

    public IdxHeader header() {
        return header;
    }

    /** Reads the next record into {@code dst[offset..offset+recordSize)}. */
    public void read(byte[] dst, int offset) {
        try {
            in.readFully(dst, offset, header.recordSize());
            position++;
        } catch (EOFException e) {
            throw truncated();
        } catch (IOException e) {
            throw new BadDataException("cannot read record " + position + " of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Skips the next {@code records} records. */
    public void skip(long records) {
        try {
            in.skipNBytes(records * header.recordSize());
            position += records;
        } catch (EOFException e) {
            throw truncated();
        } catch (IOException e) {
            throw new BadDataException("cannot read record " + position + " of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Index of the next record to be read. */
    public long position() {
        return position;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Read-only stream: nothing is lost by a failed close.
        }
    }

    private BadDataException truncated() {
        return new BadDataException("truncated IDX file " + name + ": its header promises " + header.count()
                + " records of " + header.recordSize() + " bytes, but the data ends inside record " + position);
    }

    private IdxHeader readHeader() throws IOException {
        try {
            int magic = in.readInt();
            int zeros = magic >>> 16;
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if (zeros != 0 || rank < 1 || rank > 4) {
                throw new BadDataException("not an IDX file: " + name + " (magic number 0x" + Integer.toHexString(magic) + ")");
            }
            if (type != IdxHeader.UNSIGNED_BYTE) {
                throw new BadDataException("unsupported IDX element type 0x" + Integer.toHexString(type) + " in " + name
                        + "; sparkdp reads unsigned bytes (0x08)");
            }
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 1) {
                    throw new BadDataException("IDX file " + name + " has a non-positive dimension " + dims[i]);
                }
            }
            return new IdxHeader(type, dims);
        } catch (EOFException e) {
            throw new BadDataException("truncated IDX file " + name + ": it ends inside its header");
        } catch (java.util.zip.ZipException e) {
            throw new BadDataException("corrupt gzip data in " + name + ": " + e.getMessage(), e);
        }
    }
}
