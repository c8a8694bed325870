package io.sparkdp.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories made through {@link NioLocalFileSystem} get exactly the permissions Hadoop's own local file system gives them. */
class NioLocalFileSystemTest {
    @TempDir
    Path dir;

    @Test
    void filesAndDirectoriesGetHadoopsPermissions() throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.permissions.umask-mode", "027");
        LocalFileSystem hadoop = new LocalFileSystem();
        hadoop.initialize(java.net.URI.create("file:///"), conf);
        NioLocalFileSystem nio = new NioLocalFileSystem();
        nio.initialize(java.net.URI.create("file:///"), conf);
        for (String octal : new String[]{"644", "755", "700", "640", "777", "000"}) {
            FsPermission permission = new FsPermission(octal);
            assertEquals(make(hadoop, "hadoop-" + octal, permission), make(nio, "nio-" + octal, permission), octal);
        }
        org.apache.hadoop.fs.Path sticky = new org.apache.hadoop.fs.Path(dir.resolve("sticky").toUri());
        assertTrue(nio.mkdirs(sticky));
        nio.setPermission(sticky, new FsPermission("1777"));
        assertTrue(nio.getFileStatus(sticky).getPermission().getStickyBit(), "the sticky bit goes through Hadoop");
    }

    @Test
    void sparkWritesThroughItInLocalMode() throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.set("fs.file.impl.disable.cache", "true");
        FileSystem.getLocal(new Configuration()); // a plain one in the cache first, as spark-submit leaves it
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve("x").toUri());
        assertEquals(NioLocalFileSystem.class, path.getFileSystem(conf).getClass());
    }

    /** Creates a file and a directory with {@code permission}; their permissions as the OS sees them. */
    private String make(FileSystem fs, String name, FsPermission permission) throws IOException {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve(name + ".bin").toUri());
        try (FSDataOutputStream out = fs.create(file, permission, true, 4096, (short) 1, 1 << 20, null)) {
            out.write(1);
        }
        org.apache.hadoop.fs.Path sub = new org.apache.hadoop.fs.Path(dir.resolve(name + "/a/b").toUri());
        assertTrue(fs.mkdirs(sub, permission));
        return mode(name + ".bin") + " crc " + mode("." + name + ".bin.crc") + " dirs " + mode(name + "/a") + " " + mode(name + "/a/b");
    }

    private String mode(String name) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name)));
    }
}
