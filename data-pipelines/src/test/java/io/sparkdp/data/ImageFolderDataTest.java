package io.sparkdp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code images:} class-folder trees of real Fashion-MNIST test images, on local disk and on
 * MiniDFSCluster HDFS, divided into shards through the shuffle of {@link ShardAssembler}.
 */
class ImageFolderDataTest {
    private static final int RECORDS = 600;

    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    static Path tmp;

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();
    private static ExampleBlock written;
    private static String local;

    @BeforeAll
    static void start() {
        written = PngTree.write(tmp.resolve("tree"), IdxSource.Part.TEST, RECORDS);
        local = "images:" + tmp.resolve("tree").toUri();
    }

    private static InputData open(String spec, DataConfig config, Configuration conf) {
        return InputFormats.open(spec, IdxSource.Part.TRAIN, config, SPARK.sc());
    }

    @Test
    void classesAreTheSortedFolderNamesAndTheSizeIsTheFirstImages() {
        DataSchema schema = open(local, DataConfig.defaults(), new Configuration()).schema();
        assertEquals(PngTree.CLASS_NAMES, schema.classNames());
        assertEquals(new DataSchema(1, 28, 28, true, PngTree.CLASS_NAMES), schema);
        DataSchema small = open(local, DataConfig.defaults().withImageSize("14x14"), new Configuration()).schema();
        assertEquals(196, small.featureSize());
    }

    @Test
    void everyRecordLandsInExactlyOneBalancedShardWithItsLabelAndPixels() {
        Split split = open(local, DataConfig.defaults(), new Configuration()).split(SPARK.sc(), new SplitRequest(0, 0.1, 3, 5L));
        List<ExampleBlock> train = split.train().collect();
        List<ExampleBlock> validation = split.validation().collect();
        assertEquals(3, train.size());
        int[] sizes = train.stream().mapToInt(ExampleBlock::size).toArray();
        assertEquals(540, Arrays.stream(sizes).sum());
        assertTrue(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt() <= 1, Arrays.toString(sizes));
        assertEquals(60, validation.stream().mapToInt(ExampleBlock::size).sum());
        List<String> seen = new ArrayList<>();
        train.forEach(b -> seen.addAll(keys(b)));
        validation.forEach(b -> seen.addAll(keys(b)));
        List<String> expected = keys(written);
        seen.sort(null);
        expected.sort(null);
        assertEquals(expected, seen, "the shards hold the written images, each once, with their folder's label");
        split.releaseIntermediates();
    }

    @Test
    void theSameFilesAndSeedGiveTheSameShardsOnLocalDiskAndOnHdfs() throws IOException {
        Path tree = tmp.resolve("small");
        PngTree.write(tree, IdxSource.Part.TEST, 120);
        hdfs.put(tree, hdfs.root() + "/tree");
        SplitRequest request = new SplitRequest(100, 0.2, 2, 9L);
        Split fromDisk = open("images:" + tree.toUri(), DataConfig.defaults(), new Configuration()).split(SPARK.sc(), request);
        Split fromHdfs = open("images:" + hdfs.root() + "/tree", DataConfig.defaults(), hdfs.conf()).split(SPARK.sc(), request);
        assertEquals(fromDisk.plan(), fromHdfs.plan());
        for (int shard = 0; shard < 2; shard++) {
            IdxFiles.assertSameRecords(fromDisk.train().collect().get(shard), fromHdfs.train().collect().get(shard));
        }
        IdxFiles.assertSameRecords(fromDisk.validation().collect().get(1), fromHdfs.validation().collect().get(1));
    }

    @Test
    void corruptImagesAreSkippedAndCountedUpToTheAllowedFraction() throws IOException {
        Path tree = tmp.resolve("corrupt");
        PngTree.write(tree, IdxSource.Part.TEST, 50);
        Files.write(tree.resolve("3-dress/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.write(tree.resolve("5-sandal/empty.jpg"), new byte[0]);
        Files.write(tree.resolve("0-tshirt/README.txt"), "not an image, not a record".getBytes());
        String spec = "images:" + tree.toUri();
        Split split = open(spec, DataConfig.defaults().withMaxBadFraction(0.1), new Configuration())
                .split(SPARK.sc(), new SplitRequest(0, 0, 2, 1L));
        assertEquals(50, split.plan().records());
        assertEquals(2, split.bad().count());
        assertTrue(split.bad().examples().stream().anyMatch(e -> e.contains("broken.png")), split.bad().toString());
        BadDataException tooMany = assertThrows(BadDataException.class, () -> open(spec, DataConfig.defaults(), new Configuration())
                .split(SPARK.sc(), new SplitRequest(0, 0, 2, 1L)));
        IdxFiles.assertOneLine(tooMany, "2 of 52 records", "--max-bad-fraction 0.001");
    }

    @Test
    void badLayoutsAreOneLineErrors() throws IOException {
        Path tree = tmp.resolve("layouts");
        Files.createDirectories(tree.resolve("empty-root"));
        Files.createDirectories(tree.resolve("one-empty/cats"));
        Files.createDirectories(tree.resolve("one-empty/dogs"));
        Files.write(tree.resolve("one-empty/cats/a.png"), Files.readAllBytes(tmp.resolve("tree/0-tshirt").toFile().listFiles()[0].toPath()));
        Configuration conf = new Configuration();
        IdxFiles.assertOneLine(assertThrows(BadDataException.class, () -> open("images:" + tree.resolve("empty-root").toUri(),
                DataConfig.defaults(), conf)), "no class folders");
        IdxFiles.assertOneLine(assertThrows(BadDataException.class, () -> open("images:" + tree.resolve("one-empty").toUri(),
                DataConfig.defaults(), conf)), "class folder", "dogs", "holds no images");
        IdxFiles.assertOneLine(assertThrows(BadDataException.class, () -> open("images:" + tree.resolve("missing").toUri(),
                DataConfig.defaults(), conf)), "does not exist");
        IdxFiles.assertOneLine(assertThrows(BadDataException.class, () -> open("tfrecord:/data", DataConfig.defaults(), conf)),
                "unsupported data format 'tfrecord:'", "images:");
    }

    /** One string per example: its label and its pixels. */
    private static List<String> keys(ExampleBlock block) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            keys.add(block.label(i) + ":" + Arrays.toString(block.range(i, i + 1).features()));
        }
        return keys;
    }

    @Test
    void ownersAgreeWithThePlansSlices() {
        ShardPlan plan = new ShardPlan(103, 11, 4, 3L);
        int[] owners = plan.owners();
        for (int s = 0; s < 4; s++) {
            for (int record : plan.trainShard(s)) {
                assertEquals(s, owners[record]);
            }
            for (int record : plan.validationShard(s)) {
                assertEquals(4 + s, owners[record]);
            }
        }
    }
}
