package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Test fixtures: the real Fashion-MNIST files, and small IDX files written byte by byte. */
final class IdxFiles {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    static final int FASHION_RECORD = 28 * 28;

    private IdxFiles() {
    }

    /** One of the real Fashion-MNIST files, e.g. {@code t10k-labels-idx1-ubyte.gz}. */
    static Path fashion(String name) {
        Path file = FASHION.resolve(name);
        assertTrue(Files.isRegularFile(file), "the Fashion-MNIST test data is missing: " + file);
        return file;
    }

    static String uri(Path file) {
        return file.toAbsolutePath().toString();
    }

    /** An unsigned-byte IDX file's bytes: magic, dimensions, then {@code data} as given. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buf.putInt(0x0800 | dims.length);
        for (int d : dims) {
            buf.putInt(d);
        }
        return buf.put(data).array();
    }

    /** Images file of {@code count} records of {@code rows x cols}, record i's bytes being {@code i*7 + j}. */
    static byte[] images(int count, int rows, int cols) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows * cols; j++) {
                data[i * rows * cols + j] = (byte) (i * 7 + j);
            }
        }
        return idx(new int[] {count, rows, cols}, data);
    }

    static byte[] labels(byte... labels) {
        return idx(new int[] {labels.length}, labels);
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path file, byte[] content) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole decompressed content of a gzip file. */
    static byte[] gunzip(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All records of an IDX file read one by one, {@code count * recordSize} bytes: the sequential oracle. */
    static byte[] readAll(String uri) {
        try (IdxReader reader = IdxReader.open(uri, new org.apache.hadoop.conf.Configuration())) {
            IdxHeader header = reader.header();
            byte[] all = new byte[header.count() * header.recordSize()];
            for (int i = 0; i < header.count(); i++) {
                reader.read(all, i * header.recordSize());
            }
            return all;
        }
    }

    /** The message of a failure, checked to be one line that contains every fragment. */
    static String assertOneLine(RuntimeException e, String... fragments) {
        String message = e.getMessage();
        assertFalse(message == null || message.isBlank(), "empty message from " + e);
        assertFalse(message.contains("\n") || message.contains("\r"), "message spans lines: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "message lacks '" + fragment + "': " + message);
        }
        return message;
    }

    /** Fails unless both blocks hold the same examples, labels and pixels, in the same order. */
    static void assertSameRecords(ExampleBlock expected, ExampleBlock actual) {
        assertEquals(expected.size(), actual.size());
        Minibatch e = expected.range(0, expected.size());
        Minibatch a = actual.range(0, actual.size());
        assertArrayEquals(e.classes(), a.classes());
        assertArrayEquals(e.features(), a.features());
    }
}
