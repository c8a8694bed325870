package io.sparkdp.data;

import static io.sparkdp.data.IdxFiles.FASHION;
import static io.sparkdp.data.IdxFiles.assertOneLine;
import static io.sparkdp.data.IdxFiles.fashion;
import static io.sparkdp.data.IdxFiles.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
    private static final Configuration CONF = new Configuration();
    private static final String FASHION_SPEC = "idx:" + FASHION;

    @TempDir
    Path dir;

    @Test
    void directoryResolvesToTheTrainPair() {
        IdxSource source = IdxSource.resolve(FASHION_SPEC, IdxSource.Part.TRAIN, CONF);
        assertEquals("train-images-idx3-ubyte.gz", fileName(source.images()));
        assertEquals("train-labels-idx1-ubyte.gz", fileName(source.labels()));
        assertTrue(source.images().contains(FASHION.toString()), source.images());
        assertEquals(IdxSource.DEFAULT_CLASSES, source.numClasses());
    }

    @Test
    void directoryResolvesToTheTestPair() {
        IdxSource source = IdxSource.resolve(FASHION_SPEC, IdxSource.Part.TEST, CONF);
        assertEquals("t10k-images-idx3-ubyte.gz", fileName(source.images()));
        assertEquals("t10k-labels-idx1-ubyte.gz", fileName(source.labels()));
    }

    @Test
    void directoryMayBeAFileUri() {
        IdxSource source = IdxSource.resolve("idx:file://" + FASHION + "/", IdxSource.Part.TEST, CONF);
        assertEquals("t10k-images-idx3-ubyte.gz", fileName(source.images()));
        assertEquals(10000, IdxReader.header(source.images(), CONF).count());
    }

    @Test
    void directoryOfUncompressedFilesResolves() {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(2, 2, 2));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels((byte) 1, (byte) 2));
        IdxSource source = IdxSource.resolve("idx:" + dir, IdxSource.Part.TRAIN, CONF);
        assertEquals("train-images-idx3-ubyte", fileName(source.images()));
        assertEquals("train-labels-idx1-ubyte", fileName(source.labels()));
    }

    @Test
    void explicitPairIsTakenAsGiven() {
        String images = uri(fashion("t10k-images-idx3-ubyte.gz"));
        String labels = uri(fashion("t10k-labels-idx1-ubyte.gz"));
        IdxSource source = IdxSource.resolve("idx:" + images + "," + labels, IdxSource.Part.TRAIN, CONF);
        assertEquals(new IdxSource(images, labels, 10), source);
    }

    @Test
    void toStringIsASpecThatResolvesBack() {
        IdxSource source = IdxSource.resolve(FASHION_SPEC, IdxSource.Part.TEST, CONF);
        assertEquals(source, IdxSource.resolve(source.toString(), IdxSource.Part.TRAIN, CONF));
    }

    @Test
    void missingDirectoryIsReported() {
        String missing = dir.resolve("absent").toString();
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + missing, IdxSource.Part.TRAIN, CONF));
        assertOneLine(e, "does not exist", missing);
    }

    @Test
    void missingFileOfAPairIsNamed() {
        String images = uri(fashion("t10k-images-idx3-ubyte.gz"));
        String missing = dir.resolve("t10k-labels").toString();
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + images + "," + missing, IdxSource.Part.TEST, CONF));
        assertOneLine(e, "does not exist", missing);
    }

    @Test
    void directoryInAPairIsNotAFile() {
        String labels = uri(fashion("t10k-labels-idx1-ubyte.gz"));
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + dir + "," + labels, IdxSource.Part.TEST, CONF));
        assertOneLine(e, "not a file", dir.toString());
    }

    @Test
    void unknownPrefixIsNamed() {
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("csv:/x", IdxSource.Part.TRAIN, CONF));
        assertOneLine(e, "unsupported data format 'csv:'", "csv:/x", "idx:<dir>", "idx:<images>,<labels>");
    }

    @Test
    void missingPrefixIsExplained() {
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve(FASHION.toString(), IdxSource.Part.TRAIN, CONF));
        assertOneLine(e, "no prefix", FASHION.toString(), "idx:<dir>");
    }

    @Test
    void emptySpecIsExplained() {
        for (String spec : new String[] {null, "", "  "}) {
            BadDataException e = assertThrows(BadDataException.class, () -> IdxSource.resolve(spec, IdxSource.Part.TRAIN, CONF));
            assertOneLine(e, "no data given", "idx:<dir>");
        }
    }

    @Test
    void malformedSpecsAreRefused() {
        for (String spec : new String[] {"idx:", "idx:a,b,c"}) {
            BadDataException e = assertThrows(BadDataException.class, () -> IdxSource.resolve(spec, IdxSource.Part.TRAIN, CONF));
            assertOneLine(e, "malformed IDX spec", spec);
        }
    }

    @Test
    void directoryWithoutTheFilesIsReported() {
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + dir, IdxSource.Part.TRAIN, CONF));
        assertOneLine(e, "no train-images* file", dir.toString());
    }

    @Test
    void directoryWithTrainFilesOnlyHasNoTestPart() throws IOException {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(2, 2, 2));
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels((byte) 1, (byte) 2));
        Files.createDirectory(dir.resolve("t10k-images-idx3-ubyte"));
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + dir, IdxSource.Part.TEST, CONF));
        assertOneLine(e, "no t10k-images* file", dir.toString());
    }

    @Test
    void directoryWithImagesButNoLabelsIsReported() {
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(2, 2, 2));
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + dir, IdxSource.Part.TRAIN, CONF));
        assertOneLine(e, "no train-labels* file", dir.toString());
    }

    @Test
    void fileGivenAsADirectoryIsExplained() {
        String file = uri(fashion("t10k-images-idx3-ubyte.gz"));
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + file, IdxSource.Part.TEST, CONF));
        assertOneLine(e, "is a file", file, "idx:<images>,<labels>");
    }

    @Test
    void unknownFileSystemIsReported() {
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:nosuchfs://host/data", IdxSource.Part.TRAIN, CONF));
        assertOneLine(e, "nosuchfs://host/data");
    }

    @Test
    void classCountMustFitAByte() {
        assertThrows(IllegalArgumentException.class, () -> new IdxSource("a", "b", 1));
        assertThrows(IllegalArgumentException.class, () -> new IdxSource("a", "b", 257));
        assertEquals(256, new IdxSource("a", "b", 256).numClasses());
        assertEquals(2, new IdxSource("a", "b", 2).numClasses());
    }

    private static String fileName(String uri) {
        return new org.apache.hadoop.fs.Path(uri).getName();
    }
}
