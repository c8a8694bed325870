package io.sparkdp.data;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests: one name node and one data node in this JVM, every port on loopback,
 * storage under a test's temporary directory. Shared by every module's HDFS tests through this
 * module's test jar. Close it in {@code @AfterAll}.
 */
public final class HdfsFixture implements AutoCloseable {
    private final MiniDFSCluster cluster;

    private HdfsFixture(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a fresh, formatted cluster storing its blocks under {@code baseDir}. */
    public static HdfsFixture start(Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        for (String address : new String[]{"dfs.namenode.rpc-address", "dfs.namenode.http-address", "dfs.datanode.address",
                "dfs.datanode.http.address", "dfs.datanode.ipc.address"}) {
            conf.set(address, "127.0.0.1:0");
        }
        conf.setInt("dfs.replication", 1);
        // A client closing a file polls the NameNode for the block's completion from 400 ms on;
        // a single local DataNode reports in a few ms, so writing many small files would crawl.
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        cluster.waitActive();
        return new HdfsFixture(cluster);
    }

    /**
     * A client configuration whose default file system is this HDFS (so local paths need
     * {@code file://}).
     */
    public Configuration conf() {
        return cluster.getConfiguration(0);
    }

    /** The {@code hdfs://host:port} root, without a trailing slash. */
    public String root() throws IOException {
        return fs().getUri().toString();
    }

    public FileSystem fs() throws IOException {
        return cluster.getFileSystem();
    }

    /** Copies a local file into HDFS at {@code hdfsPath}. */
    public void put(Path local, String hdfsPath) throws IOException {
        fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(hdfsPath));
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
