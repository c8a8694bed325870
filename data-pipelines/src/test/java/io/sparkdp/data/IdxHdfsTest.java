package io.sparkdp.data;

import static io.sparkdp.data.IdxFiles.FASHION;
import static io.sparkdp.data.IdxFiles.assertOneLine;
import static io.sparkdp.data.IdxFiles.fashion;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same IDX reads against a real in-process HDFS (one name node, one data node on loopback). */
class IdxHdfsTest {
    private static final String DIR = "/data/fashion-mnist";
    private static final int[] CHOSEN = {0, 1, 63, 64, 2047, 5000, 9999};

    @TempDir
    static java.nio.file.Path base;

    private static HdfsFixture hdfs;
    private static Configuration conf;
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = HdfsFixture.start(base);
        conf = hdfs.conf();
        // The cluster is the default file system of conf: local files need file:// from here on.

        FileSystem fs = hdfs.fs();
        root = hdfs.root();
        fs.mkdirs(new Path(DIR));
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            fs.copyFromLocalFile(new Path(fashion(name).toString()), new Path(DIR + "/" + name));
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void directoryOnHdfsResolvesToTheTestPair() {
        IdxSource source = IdxSource.resolve("idx:" + root + DIR, IdxSource.Part.TEST, conf);
        assertEquals(root + DIR + "/t10k-images-idx3-ubyte.gz", source.images());
        assertEquals(root + DIR + "/t10k-labels-idx1-ubyte.gz", source.labels());
        assertTrue(source.images().startsWith("hdfs://"), source.images());
    }

    @Test
    void hdfsRecordsAreTheLocalRecords() {
        IdxSource onHdfs = IdxSource.resolve("idx:" + root + DIR, IdxSource.Part.TEST, conf);
        IdxSource local = IdxSource.resolve("idx:file://" + FASHION, IdxSource.Part.TEST, conf);

        IdxDataset data = IdxDataset.open(onHdfs, conf);
        assertEquals(10000, data.records());
        assertEquals(28, data.height());
        assertEquals(28, data.width());

        IdxFiles.assertSameRecords(IdxShardReader.read(local, conf, 0, CHOSEN), IdxShardReader.read(onHdfs, conf, 0, CHOSEN));
        ShardPlan plan = ShardPlan.of(data.records(), 1500, 0.2, 3, 5L);
        IdxFiles.assertSameRecords(IdxDataset.open(local, conf).readTrainShard(conf, plan, 2), data.readTrainShard(conf, plan, 2));
    }

    @Test
    void uncompressedCopyOnHdfsReadsAlike() throws IOException {
        String raw = root + "/raw/t10k-images-idx3-ubyte";
        write(raw, IdxFiles.gunzip(fashion("t10k-images-idx3-ubyte.gz")));
        String labels = root + DIR + "/t10k-labels-idx1-ubyte.gz";
        IdxSource onHdfs = IdxSource.resolve("idx:" + raw + "," + labels, IdxSource.Part.TEST, conf);
        IdxSource local = IdxSource.resolve("idx:file://" + FASHION, IdxSource.Part.TEST, conf);
        IdxFiles.assertSameRecords(IdxShardReader.read(local, conf, 0, CHOSEN), IdxShardReader.read(onHdfs, conf, 0, CHOSEN));
    }

    @Test
    void truncatedFileOnHdfsNamesItsUri() throws IOException {
        byte[] whole = Files.readAllBytes(fashion("t10k-labels-idx1-ubyte.gz"));
        String cut = root + "/cut/t10k-labels-idx1-ubyte.gz";
        write(cut, Arrays.copyOf(whole, 1000));
        try (IdxReader reader = IdxReader.open(cut, conf)) {
            BadDataException e = assertThrows(BadDataException.class, () -> reader.skip(10000));
            assertOneLine(e, "truncated", cut);
        }
    }

    @Test
    void missingHdfsDirectoryIsReported() {
        String missing = root + "/no/such/dir";
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxSource.resolve("idx:" + missing, IdxSource.Part.TRAIN, conf));
        assertOneLine(e, "does not exist", missing);
    }

    @Test
    void shippedConfigurationReachesTheClusterByDefaultFs() throws Exception {
        Configuration driver = new Configuration(false);
        driver.set("fs.defaultFS", root);
        HadoopConf shipped = new HadoopConf(driver);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(shipped);
        }
        Configuration executor;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            executor = ((HadoopConf) in.readObject()).get();
        }
        IdxSource source = IdxSource.resolve("idx:" + DIR, IdxSource.Part.TEST, executor);
        assertTrue(source.images().startsWith(root), source.images());
        assertEquals(10000, IdxDataset.open(source, executor).records());
    }

    private static void write(String uri, byte[] content) throws IOException {
        try (OutputStream out = FileSystem.get(java.net.URI.create(uri), conf).create(new Path(uri))) {
            out.write(content);
        }
    }
}
