package io.sparkdp.data;

import static io.sparkdp.data.IdxFiles.FASHION;
import static io.sparkdp.data.IdxFiles.FASHION_RECORD;
import static io.sparkdp.data.IdxFiles.assertOneLine;
import static io.sparkdp.data.IdxFiles.uri;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver-side dataset and the executor-side shard reader, run in this JVM without Spark. */
class IdxDatasetTest {
    private static final Configuration CONF = new Configuration();

    private static IdxSource test;
    /** Every t10k record read one by one: the oracle for any selection. */
    private static byte[] testImages;
    private static byte[] testLabels;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTestSetSequentially() {
        test = IdxSource.resolve("idx:" + FASHION, IdxSource.Part.TEST, CONF);
        testImages = IdxFiles.readAll(test.images());
        testLabels = IdxFiles.readAll(test.labels());
    }

    @Test
    void realTrainingSetShape() {
        IdxSource train = IdxSource.resolve("idx:" + FASHION, IdxSource.Part.TRAIN, CONF);
        IdxDataset data = IdxDataset.open(train, CONF);
        assertEquals(60000, data.records());
        assertEquals(28, data.height());
        assertEquals(28, data.width());
        assertSame(train, data.source());
        assertEquals(10000, IdxDataset.open(test, CONF).records());
    }

    @Test
    void labelCountDifferingFromImageCountIsRefused() {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(5, 2, 2));
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels((byte) 0, (byte) 1, (byte) 2, (byte) 3));
        IdxSource source = new IdxSource(uri(images), uri(labels), 10);
        BadDataException e = assertThrows(BadDataException.class, () -> IdxDataset.open(source, CONF));
        assertOneLine(e, uri(images), "5 images", uri(labels), "4 labels");
    }

    @Test
    void realPairOfMixedPartsIsRefused() {
        IdxSource mixed = new IdxSource(uri(IdxFiles.fashion("train-images-idx3-ubyte.gz")),
                uri(IdxFiles.fashion("t10k-labels-idx1-ubyte.gz")), 10);
        assertOneLine(assertThrows(BadDataException.class, () -> IdxDataset.open(mixed, CONF)), "60000 images", "10000 labels");
    }

    @Test
    void filesOfTheWrongRankAreRefused() {
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels((byte) 0, (byte) 1));
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(2, 2, 2));
        Path flat = IdxFiles.write(dir.resolve("flat"), IdxFiles.idx(new int[] {2, 4}, new byte[8]));

        BadDataException swapped = assertThrows(BadDataException.class,
                () -> IdxDataset.open(new IdxSource(uri(labels), uri(images), 10), CONF));
        assertOneLine(swapped, "rank 3", uri(labels), "found rank 1");

        BadDataException wideLabels = assertThrows(BadDataException.class,
                () -> IdxDataset.open(new IdxSource(uri(images), uri(flat), 10), CONF));
        assertOneLine(wideLabels, "labels of rank 1", uri(flat), "found rank 2");
    }

    @Test
    void shardReaderReturnsExactlyTheChosenRecords() {
        int[] chosen = {0, 1, 2, 17, 999, 1000, 5000, 9998, 9999};
        ExampleBlock block = IdxShardReader.read(test, CONF, 3, chosen);
        assertEquals(3, block.shard());
        assertEquals(chosen.length, block.size());
        assertEquals(FASHION_RECORD, block.featureSize());
        assertEquals(10, block.numClasses());
        assertRecords(chosen, block);
    }

    @Test
    void shardReaderReadsTheRawCopyAlike() {
        Path images = IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.gunzip(IdxFiles.fashion("t10k-images-idx3-ubyte.gz")));
        IdxSource raw = new IdxSource(uri(images), test.labels(), 10);
        int[] chosen = {4, 40, 400, 4000};
        assertRecords(chosen, IdxShardReader.read(raw, CONF, 0, chosen));
    }

    @Test
    void emptySelectionGivesAnEmptyBlock() {
        ExampleBlock block = IdxShardReader.read(test, CONF, 7, new int[0]);
        assertEquals(0, block.size());
        assertEquals(7, block.shard());
        assertEquals(FASHION_RECORD, block.featureSize());
    }

    @Test
    void trainShardOfAPlanIsThatPlansRecords() {
        IdxDataset data = IdxDataset.open(test, CONF);
        ShardPlan plan = ShardPlan.of(data.records(), 2000, 0.1, 4, 11L);
        for (int shard = 0; shard < plan.shards(); shard++) {
            ExampleBlock block = data.readTrainShard(CONF, plan, shard);
            assertEquals(shard, block.shard());
            assertRecords(plan.trainShard(shard), block);
        }
    }

    @Test
    void labelOutsideTheClassesNamesTheRecord() {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(5, 2, 2));
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels((byte) 0, (byte) 9, (byte) 1, (byte) 10, (byte) 2));
        IdxSource source = new IdxSource(uri(images), uri(labels), 10);

        assertEquals(9, IdxShardReader.read(source, CONF, 0, new int[] {0, 1, 2}).label(1), "label 9 of 10 classes is valid");
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxShardReader.read(source, CONF, 0, new int[] {0, 2, 3, 4}));
        assertOneLine(e, "label 10", "record 3", uri(labels), "10 known classes");

        IdxSource threeClasses = new IdxSource(uri(images), uri(labels), 3);
        assertOneLine(assertThrows(BadDataException.class, () -> IdxShardReader.read(threeClasses, CONF, 0, new int[] {0, 1})),
                "label 9", "record 1");
    }

    @Test
    void highLabelsReadUnsigned() {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(2, 1, 1));
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels((byte) 200, (byte) 255));
        ExampleBlock block = IdxShardReader.read(new IdxSource(uri(images), uri(labels), 256), CONF, 0, new int[] {0, 1});
        assertEquals(200, block.label(0));
        assertEquals(255, block.label(1));
    }

    @Test
    void descendingSelectionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxShardReader.read(test, CONF, 0, new int[] {5, 2}));
        assertOneLine(e, "ascending", "record 2");
        assertThrows(IllegalArgumentException.class, () -> IdxShardReader.read(test, CONF, 0, new int[] {5, 5}));
    }

    @Test
    void selectionPastTheLastRecordIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxShardReader.read(test, CONF, 0, new int[] {9999, 10000}));
        assertOneLine(e, "record 10000", "10000 records");
        assertThrows(IllegalArgumentException.class, () -> IdxShardReader.read(test, CONF, 0, new int[] {-1}));
    }

    @Test
    void shorterLabelsFileIsReportedWhenReadDirectly() {
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(4, 2, 2));
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels((byte) 0, (byte) 1));
        IdxSource source = new IdxSource(uri(images), uri(labels), 10);
        BadDataException e = assertThrows(BadDataException.class, () -> IdxShardReader.read(source, CONF, 0, new int[] {0, 3}));
        assertOneLine(e, "truncated", uri(labels));
    }

    private static void assertRecords(int[] chosen, ExampleBlock block) {
        assertEquals(chosen.length, block.size());
        Minibatch all = block.range(0, block.size());
        for (int i = 0; i < chosen.length; i++) {
            int record = chosen[i];
            assertEquals(testLabels[record], block.label(i), "label of record " + record);
            byte[] expected = Arrays.copyOfRange(testImages, record * FASHION_RECORD, (record + 1) * FASHION_RECORD);
            byte[] actual = new byte[FASHION_RECORD];
            for (int j = 0; j < FASHION_RECORD; j++) {
                actual[j] = (byte) Math.round(all.features()[i * FASHION_RECORD + j] * 255f);
            }
            assertArrayEquals(expected, actual, "pixels of record " + record);
        }
    }
}
