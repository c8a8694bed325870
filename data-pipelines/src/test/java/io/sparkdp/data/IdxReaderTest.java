package io.sparkdp.data;

import static io.sparkdp.data.IdxFiles.FASHION_RECORD;
import static io.sparkdp.data.IdxFiles.assertOneLine;
import static io.sparkdp.data.IdxFiles.fashion;
import static io.sparkdp.data.IdxFiles.uri;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    static Path shared;
    /** The real t10k images, decompressed: the raw copy and the byte-level oracle. */
    private static byte[] t10kImagesRaw;
    private static Path t10kImagesRawFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void decompressTestImages() {
        t10kImagesRaw = IdxFiles.gunzip(fashion("t10k-images-idx3-ubyte.gz"));
        t10kImagesRawFile = IdxFiles.write(shared.resolve("t10k-images-idx3-ubyte"), t10kImagesRaw);
    }

    @Test
    void realTrainHeaders() {
        IdxHeader images = IdxReader.header(uri(fashion("train-images-idx3-ubyte.gz")), CONF);
        assertEquals(new IdxHeader(IdxHeader.UNSIGNED_BYTE, new int[] {60000, 28, 28}), images);
        assertEquals(60000, images.count());
        assertEquals(FASHION_RECORD, images.recordSize());
        assertEquals(16, images.length());

        IdxHeader labels = IdxReader.header(uri(fashion("train-labels-idx1-ubyte.gz")), CONF);
        assertArrayEquals(new int[] {60000}, labels.dims());
        assertEquals(1, labels.recordSize());
        assertEquals(8, labels.length());
    }

    @Test
    void realTestHeaders() {
        IdxHeader images = IdxReader.header(uri(fashion("t10k-images-idx3-ubyte.gz")), CONF);
        assertArrayEquals(new int[] {10000, 28, 28}, images.dims());
        assertEquals(IdxHeader.UNSIGNED_BYTE, images.typeCode());
        assertEquals(FASHION_RECORD, images.recordSize());

        IdxHeader labels = IdxReader.header(uri(fashion("t10k-labels-idx1-ubyte.gz")), CONF);
        assertArrayEquals(new int[] {10000}, labels.dims());
    }

    @Test
    void gzipAndRawCopyGiveTheSameRecords() throws IOException {
        byte[] head = Files.readAllBytes(t10kImagesRawFile);
        assertNotEquals(0x1f, head[0] & 0xFF, "the raw copy must not itself be gzip");

        int records = 300;
        try (IdxReader gz = IdxReader.open(uri(fashion("t10k-images-idx3-ubyte.gz")), CONF);
             IdxReader raw = IdxReader.open(uri(t10kImagesRawFile), CONF)) {
            assertEquals(gz.header(), raw.header());
            byte[] fromGz = new byte[records * FASHION_RECORD];
            byte[] fromRaw = new byte[records * FASHION_RECORD];
            for (int i = 0; i < records; i++) {
                gz.read(fromGz, i * FASHION_RECORD);
                raw.read(fromRaw, i * FASHION_RECORD);
            }
            assertArrayEquals(fromRaw, fromGz);
            assertArrayEquals(Arrays.copyOfRange(t10kImagesRaw, 16, 16 + records * FASHION_RECORD), fromGz);
            assertEquals(records, gz.position());
        }
    }

    @Test
    void realLabelsReadInFileOrder() {
        byte[] train = new byte[10];
        byte[] test = new byte[10];
        try (IdxReader reader = IdxReader.open(uri(fashion("train-labels-idx1-ubyte.gz")), CONF)) {
            for (int i = 0; i < train.length; i++) {
                reader.read(train, i);
            }
        }
        try (IdxReader reader = IdxReader.open(uri(fashion("t10k-labels-idx1-ubyte.gz")), CONF)) {
            for (int i = 0; i < test.length; i++) {
                reader.read(test, i);
            }
        }
        assertArrayEquals(new byte[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, train);
        assertArrayEquals(new byte[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, test);
    }

    @Test
    void readsIntoTheGivenOffset() {
        Path file = IdxFiles.write(dir.resolve("small"), IdxFiles.images(3, 2, 2));
        byte[] dst = new byte[10];
        Arrays.fill(dst, (byte) -1);
        try (IdxReader reader = IdxReader.open(uri(file), CONF)) {
            reader.skip(1);
            reader.read(dst, 3);
        }
        assertArrayEquals(new byte[] {-1, -1, -1, 7, 8, 9, 10, -1, -1, -1}, dst);
    }

    @Test
    void skipThenReadLandsOnTheRightRecord() {
        for (Path file : new Path[] {fashion("t10k-images-idx3-ubyte.gz"), t10kImagesRawFile}) {
            byte[] record = new byte[FASHION_RECORD];
            try (IdxReader reader = IdxReader.open(uri(file), CONF)) {
                reader.skip(1234);
                assertEquals(1234, reader.position());
                reader.read(record, 0);
                assertArrayEquals(rawRecord(1234), record, "record 1234 of " + file);
                reader.skip(0);
                reader.read(record, 0);
                assertArrayEquals(rawRecord(1235), record, "record 1235 of " + file);
                reader.skip(10000 - 1236 - 1);
                reader.read(record, 0);
                assertArrayEquals(rawRecord(9999), record, "last record of " + file);
                assertEquals(10000, reader.position());
            }
        }
    }

    @Test
    void truncatedRecordIsReportedNotPadded() {
        byte[] whole = IdxFiles.images(5, 2, 2);
        Path file = IdxFiles.write(dir.resolve("cut-images"), Arrays.copyOf(whole, whole.length - 6));
        byte[] dst = new byte[4];
        try (IdxReader reader = IdxReader.open(uri(file), CONF)) {
            for (int i = 0; i < 3; i++) {
                reader.read(dst, 0);
            }
            BadDataException e = assertThrows(BadDataException.class, () -> reader.read(dst, 0));
            assertOneLine(e, "truncated", uri(file), "record 3");
        }
    }

    @Test
    void skipPastTheEndIsReportedAsTruncated() {
        Path file = IdxFiles.write(dir.resolve("short-labels"), IdxFiles.idx(new int[] {100}, new byte[10]));
        try (IdxReader reader = IdxReader.open(uri(file), CONF)) {
            BadDataException e = assertThrows(BadDataException.class, () -> reader.skip(50));
            assertOneLine(e, "truncated", uri(file));
        }
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = Files.readAllBytes(fashion("t10k-labels-idx1-ubyte.gz"));
        Path file = IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        try (IdxReader reader = IdxReader.open(uri(file), CONF)) {
            assertEquals(10000, reader.header().count(), "the header itself is intact");
            BadDataException e = assertThrows(BadDataException.class, () -> {
                byte[] one = new byte[1];
                for (int i = 0; i < 10000; i++) {
                    reader.read(one, 0);
                }
            });
            assertOneLine(e, "truncated", uri(file));
            assertTrue(reader.position() > 0 && reader.position() < 10000, "stopped at " + reader.position());
        }
    }

    @Test
    void fileEndingInsideItsHeaderIsTruncated() {
        Path file = IdxFiles.write(dir.resolve("header-only"), Arrays.copyOf(IdxFiles.images(2, 2, 2), 10));
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.header(uri(file), CONF));
        assertOneLine(e, "truncated", uri(file), "header");

        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0]);
        assertOneLine(assertThrows(BadDataException.class, () -> IdxReader.header(uri(empty), CONF)), "truncated", uri(empty));
    }

    @Test
    void badMagicNumberFailsClearly() {
        byte[] content = IdxFiles.images(2, 2, 2);
        content[0] = 'P';
        content[1] = 'K';
        Path file = IdxFiles.write(dir.resolve("archive.zip"), content);
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.open(uri(file), CONF));
        assertOneLine(e, "not an IDX file", uri(file), "magic number 0x504b0803");

        byte[] rankZero = IdxFiles.images(2, 2, 2);
        rankZero[3] = 0;
        Path zero = IdxFiles.write(dir.resolve("rank0"), rankZero);
        assertOneLine(assertThrows(BadDataException.class, () -> IdxReader.open(uri(zero), CONF)), "not an IDX file", uri(zero));
    }

    @Test
    void otherElementTypesAreRefused() {
        byte[] floats = IdxFiles.images(2, 2, 2);
        floats[2] = 0x0D;
        Path file = IdxFiles.write(dir.resolve("floats"), floats);
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.open(uri(file), CONF));
        assertOneLine(e, "unsupported IDX element type 0xd", uri(file), "unsigned bytes");
    }

    @Test
    void nonPositiveDimensionIsRefused() {
        Path file = IdxFiles.write(dir.resolve("zero-rows"), IdxFiles.idx(new int[] {3, 0, 2}, new byte[0]));
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.open(uri(file), CONF));
        assertOneLine(e, "non-positive dimension 0", uri(file));
    }

    @Test
    void missingFileIsNamed() {
        String missing = uri(dir.resolve("no-such-file"));
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.open(missing, CONF));
        assertOneLine(e, "not found", missing);
    }

    @Test
    void refusedFilesAreClosed() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc to count open files");
        byte[] content = IdxFiles.images(2, 2, 2);
        content[0] = 0x7f;
        Path file = IdxFiles.write(dir.resolve("bad-magic"), content);

        long before = countEntries(fds);
        for (int i = 0; i < 200; i++) {
            assertThrows(BadDataException.class, () -> IdxReader.open(uri(file), CONF));
        }
        long after = countEntries(fds);
        assertTrue(after - before < 20, "opening a bad file 200 times left " + (after - before) + " descriptors open");
    }

    private static long countEntries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    private static byte[] rawRecord(int index) {
        int from = 16 + index * FASHION_RECORD;
        return Arrays.copyOfRange(t10kImagesRaw, from, from + FASHION_RECORD);
    }
}
