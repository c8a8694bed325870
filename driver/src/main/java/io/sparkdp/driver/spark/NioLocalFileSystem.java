package io.sparkdp.driver.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's checksummed local file system, except that it sets a file's permissions through
 * {@code java.nio} instead of running {@code chmod}. Without Hadoop's native library (which its
 * client jars do not ship), {@link RawLocalFileSystem} starts a {@code chmod} process for every
 * file and directory it creates: 4 ms each here, nine times per one-image scoring job (the output
 * part, its checksum, the committer's directories, {@code _SUCCESS}) and more with every task.
 * Permissions with a sticky bit, which {@code java.nio} cannot set, still go through Hadoop.
 */
public class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRaw());
    }

    static final class NioRaw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) {
                super.setPermission(path, permission);
                return;
            }
            String symbolic = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                    + permission.getOtherAction().SYMBOL;
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(symbolic));
        }
    }
}
