package io.sparkdp.driver.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checksums of a checkpoint's files, written last inside it: a checkpoint whose files do not
 * match its manifest, or that has none, is not loaded.
 *
 * @param files SHA-256 and size of each file, by name
 */
public record Manifest(@JsonProperty("files") Map<String, Entry> files) {
    /**
     * One file's fingerprint.
     *
     * @param sha256 hex SHA-256 of the file's bytes
     * @param bytes  the file's size
     */
    public record Entry(String sha256, long bytes) {
    }

    public Manifest {
        files = Map.copyOf(files);
    }

    /** The first mismatch between {@code name}'s bytes, read from {@code in}, and this manifest, if any. */
    public Optional<String> mismatch(String name, InputStream in) throws IOException {
        Entry expected = files.get(name);
        if (expected == null) {
            return Optional.of(name + " is not in the manifest");
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        long bytes = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
            bytes += n;
        }
        if (bytes != expected.bytes()) {
            return Optional.of(name + " has " + bytes + " bytes, the manifest says " + expected.bytes());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        return actual.equals(expected.sha256()) ? Optional.empty()
                : Optional.of(name + " fails its SHA-256 check (corrupt)");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    /** Collects the fingerprints of files as they are written. */
    static final class Builder {
        private final Map<String, Entry> files = new TreeMap<>();

        /** Wraps {@code out} so that, when closed, the bytes written through it are entered as {@code name}. */
        OutputStream track(String name, OutputStream out) {
            MessageDigest digest = sha256();
            return new FilterOutputStream(out) {
                private long bytes;
                private boolean closed;

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    digest.update((byte) b);
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    digest.update(b, off, len);
                    bytes += len;
                }

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        closed = true;
                        super.close();
                        files.put(name, new Entry(HexFormat.of().formatHex(digest.digest()), bytes));
                    }
                }
            };
        }

        Manifest build() {
            return new Manifest(files);
        }
    }
}
